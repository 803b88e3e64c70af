import EngageDomain
import Foundation

/// An organisation's preferences, and whether its contact address is bouncing.
public struct NotificationSettings: Sendable, Equatable {
    public var stakeholderID: StakeholderID
    public var preferences: NotificationPreferences
    /// The contact address bounced (a permanent SMTP refusal): nothing more is mailed to it until it changes.
    public var emailBouncing: Bool

    public init(stakeholderID: StakeholderID, preferences: NotificationPreferences, emailBouncing: Bool) {
        self.stakeholderID = stakeholderID
        self.preferences = preferences
        self.emailBouncing = emailBouncing
    }
}

/// Which mail deliveries a staff list shows.
public struct MailDeliveryFilter: Sendable, Equatable {
    public var stakeholderID: StakeholderID?
    /// Deliveries in any of these statuses, of any of these types (empty does not filter).
    public var statuses: [MailDeliveryStatus]
    public var types: [NotificationType]
    /// The order (`sort`) and `updated_since`.
    public var records = RecordFilter()

    public init(stakeholderID: StakeholderID? = nil, statuses: [MailDeliveryStatus] = [], types: [NotificationType] = []) {
        self.stakeholderID = stakeholderID
        self.statuses = statuses
        self.types = types
    }
}

/// A mail the worker has claimed: the delivery and the facts its template fills in.
public struct DueMail: Sendable {
    public var delivery: MailDelivery
    public var context: MailContext
    /// The worker instance that claimed it: only its claim is settled by `record`.
    public var claimedBy: String

    public init(delivery: MailDelivery, context: MailContext, claimedBy: String) {
        self.delivery = delivery
        self.context = context
        self.claimedBy = claimedBy
    }
}

/// One attempt to record: the mail, what happened, and what it comes to.
public struct MailAttemptRecord: Sendable {
    public var mail: DueMail
    public var attempt: MailDelivery.Attempt
    public var outcome: MailOutcome

    public init(mail: DueMail, attempt: MailDelivery.Attempt, outcome: MailOutcome) {
        self.mail = mail
        self.attempt = attempt
        self.outcome = outcome
    }
}

extension MailRepository {
    /// Records one attempt.
    public func record(_ mail: DueMail, attempt: MailDelivery.Attempt, outcome: MailOutcome, now: Date) async throws {
        try await record([MailAttemptRecord(mail: mail, attempt: attempt, outcome: outcome)], now: now)
    }
}

/// What an SMTP attempt came to.
public enum MailOutcome: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    /// Refused for good; `bounced` when the server refused the mailbox itself (550, 551, 553),
    /// which suppresses the address until the organisation changes it.
    case failed(bounced: Bool)
}

/// Preferences, the mail log and the mail worker's queue. The outbox rows themselves are written by
/// the stores' outbox, in the transaction of each change.
public protocol MailRepository: Sendable {
    // MARK: Preferences

    /// The organisation's settings (defaults until it changes them); nil when it does not exist.
    func settings(of stakeholder: StakeholderID) async throws -> NotificationSettings?
    /// Applies a patch; throws not found for an unknown organisation.
    func updateSettings(of stakeholder: StakeholderID, with patch: NotificationPreferencesPatch, now: Date) async throws -> NotificationSettings
    /// One-click unsubscribe: the organisation's contact turns the type off in its preferences,
    /// anyone else (a delegate) is suppressed for that type. Throws not found for an unknown organisation.
    func unsubscribe(_ token: UnsubscribeToken, now: Date) async throws

    // MARK: Log

    func deliveries(_ filter: MailDeliveryFilter, page: PageRequest) async throws -> Page<MailDelivery>
    /// One delivery with its attempts.
    func delivery(_ id: MailDeliveryID) async throws -> MailDelivery?
    /// Sends it again, now, as one more attempt, whatever its status (it becomes pending); a conflict while a
    /// worker holds it (it is being sent).
    func redeliver(_ id: MailDeliveryID, now: Date) async throws -> MailDelivery

    // MARK: Worker

    /// Claims up to `limit` due mails for `owner`, oldest first, holding them until `now + lease`.
    func claimDue(owner: String, now: Date, limit: Int, lease: Duration) async throws -> [DueMail]
    /// Records attempts and their outcomes, all in one transaction (one commit for a batch of sends); a bounce
    /// also suppresses the address. A mail whose claim passed to another worker keeps only its attempt.
    func record(_ attempts: [MailAttemptRecord], now: Date) async throws
    /// Releases `owner`'s claims (run as the worker starts).
    func releaseClaims(owner: String) async throws
    /// Marks pending mails created before `cutoff` expired (they waited for a mail server too long to matter); returns how many.
    func expire(createdBefore cutoff: Date, now: Date) async throws -> Int
}
