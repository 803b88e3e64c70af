import EngageDomain
import Foundation

/// Personal data as a data controller handles it: export, erasure and retention. Every method is one transaction.
public protocol PersonalDataRepository: Sendable {
    /// Everything held about the organisation and the people it named; nil when there is no such stakeholder.
    func dossier(of stakeholder: StakeholderID) async throws -> PersonalDataDossier?

    /// Erases the organisation's personal data: its contact and description, the names, e-mails and
    /// phones of every person it named, the free text of its side-event applications, the webhook payloads
    /// that hold any of them, and the (sealed) idempotency records it made or that name it. Its access
    /// token stops working. Counts,
    /// statuses and dates stay. The history records who erased it, when and why, never what.
    /// Sends `stakeholder.erased` so integrating systems erase their copies.
    func erase(_ stakeholder: StakeholderID, reason: String, actor: String, now: Date) async throws -> Stakeholder

    /// Erases one person, found by e-mail address, from every registration and enrolment; returns how many records changed.
    func eraseParticipant(email: String, now: Date) async throws -> Int

    /// Erases the participants of events and workshops that ended before `cutoff`; returns how many records changed.
    func eraseParticipants(endedBefore cutoff: LocalDate, now: Date) async throws -> Int
}
