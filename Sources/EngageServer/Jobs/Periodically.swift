import ServiceLifecycle

/// The loop of the server's periodic jobs: a pass at once, then one every `interval`, until a graceful
/// shutdown cancels the sleep and the loop ends without an error.
enum Periodically {
    static func run(every interval: Duration, _ pass: @escaping @Sendable () async -> Void) async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pass()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
