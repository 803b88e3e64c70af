import EngageCore
import EngageDomain
import Foundation
import Logging
import ServiceLifecycle

/// Tells of registration and side-event application windows as they open: every `interval`, each window
/// that has opened (and not yet closed) and was not told yet is told once, with its notifications.
public struct WindowWatcher: Service {
    let repository: any WindowNoticeRepository
    let interval: Duration
    let clock: TimeSource
    let logger: Logger

    public init(repository: any WindowNoticeRepository, interval: Duration = .seconds(15), clock: TimeSource = .system, logger: Logger) {
        self.repository = repository
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await Periodically.run(every: interval) { await runOnce() }
    }

    /// One pass; returns how many windows it told.
    @discardableResult
    public func runOnce() async -> Int {
        do {
            let told = try await repository.announceOpenedWindows(now: clock.now())
            if told > 0 { logger.info("told of windows that opened", metadata: ["windows": "\(told)"]) }
            return told
        } catch {
            if Task.isCancelled || error is CancellationError { return 0 }
            logger.error("could not tell of opened windows", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
