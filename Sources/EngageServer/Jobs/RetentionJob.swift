import EngageCore
import EngageDomain
import Foundation
import Logging
import ServiceLifecycle

/// The daily retention pass: participants' names and e-mails of events and workshops that ended more
/// than `participants` ago are erased (the counts stay). It runs at start and then once a day, so a
/// restart never skips a day; a pass that finds nothing changes nothing. Idempotency records and
/// webhook payloads expire on their own schedules (24 hours; `ENGAGE_WEBHOOK_ATTEMPT_RETENTION`).
public struct RetentionJob: Service {
    let repository: any PersonalDataRepository
    /// Pending mail that waited three days (no SMTP server configured, say) expires here too, so it never piles up.
    let mail: (any MailRepository)?
    let participants: RetentionPeriod
    let interval: Duration
    let clock: TimeSource
    let logger: Logger

    public init(repository: any PersonalDataRepository, mail: (any MailRepository)? = nil, participants: RetentionPeriod,
                interval: Duration = .seconds(86_400), clock: TimeSource = .system, logger: Logger) {
        self.repository = repository
        self.mail = mail
        self.participants = participants
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    // MARK: Service

    public func run() async throws {
        await Periodically.run(every: interval) { await runOnce() }
    }

    /// One pass; returns how many records it erased.
    @discardableResult
    public func runOnce() async -> Int {
        let now = clock.now()
        let cutoff = participants.cutoff(on: LocalDate(now))
        do {
            let erased = try await repository.eraseParticipants(endedBefore: cutoff, now: now)
            if let mail { _ = try await mail.expire(createdBefore: now.addingTimeInterval(-3 * 24 * 3600), now: now) }
            if erased > 0 {
                logger.info("erased participants past retention", metadata: ["records": "\(erased)", "ended_before": "\(cutoff)"])
            }
            return erased
        } catch {
            if Task.isCancelled || error is CancellationError { return 0 }
            logger.error("retention pass failed", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
