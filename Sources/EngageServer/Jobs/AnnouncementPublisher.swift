import EngageCore
import EngageDomain
import Foundation
import Logging
import ServiceLifecycle

/// Publishes scheduled announcements when their `publish_at` comes: every `interval`, whatever is due is
/// published and sent, each in its own transaction with its notifications. The schedule lives in the
/// database, so a restart loses nothing (what fell due while the server was down goes out at start), and
/// instances sharing a PostgreSQL database never publish one twice.
public struct AnnouncementPublisher: Service {
    let repository: any AnnouncementRepository
    let interval: Duration
    let clock: TimeSource
    let logger: Logger

    public init(repository: any AnnouncementRepository, interval: Duration = .seconds(1), clock: TimeSource = .system, logger: Logger) {
        self.repository = repository
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    // MARK: Service

    public func run() async throws {
        await Periodically.run(every: interval) { await runOnce() }
    }

    /// One pass; returns how many it published.
    @discardableResult
    public func runOnce() async -> Int {
        do {
            var total = 0
            while true {
                let published = try await repository.publishDue(now: clock.now(), limit: 20)
                for announcement in published {
                    logger.info("published an announcement", metadata: ["announcement": "\(announcement.id)", "recipients": "\(announcement.recipients ?? 0)"])
                }
                total += published.count
                if published.count < 20 { return total }
            }
        } catch {
            if Task.isCancelled || error is CancellationError { return 0 }
            logger.error("could not publish due announcements", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
