@testable import EngageServer
import NIOCore
import NIOPosix
import Testing

@Suite("The request body's deadline")
struct BodyDeadlineTests {
    let loop = MultiThreadedEventLoopGroup.singleton.next()

    @Test("the wait ends, without an error, once its time is up")
    func ends() async throws {
        try await BodyDeadline.wait(.milliseconds(20), on: loop)
    }

    /// A cancelled wait must not sit out its hour: the time limit fails the test if it does.
    @Test("a cancelled wait ends at once with CancellationError", .timeLimit(.minutes(1)))
    func cancelled() async throws {
        // Given a task waiting an hour
        let waiting = Task { try await BodyDeadline.wait(.seconds(3_600), on: loop) }
        try await Task.sleep(for: .milliseconds(20))

        // When it is cancelled
        waiting.cancel()

        // Then the wait throws CancellationError
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    @Test("a task cancelled before it waits does not wait", .timeLimit(.minutes(1)))
    func cancelledFirst() async throws {
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await BodyDeadline.wait(.seconds(3_600), on: loop)
        }
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
