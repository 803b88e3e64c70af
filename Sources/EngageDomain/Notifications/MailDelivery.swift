import Foundation

public struct MailDeliveryID: PrefixedIdentifier {
    public static let prefix = "mail"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// Where an e-mail stands.
public enum MailDeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for its first or next attempt.
    case pending
    /// The SMTP server accepted it.
    case delivered
    /// Refused for good, or out of attempts.
    case failed
    /// Not sent: mail was not configured while it was young enough to matter.
    case expired
}

/// Who a mail goes to, relative to the organisation it concerns.
public enum MailRecipientRole: String, Sendable, Codable {
    /// The organisation's contact person.
    case contact
    /// A delegate of a registration or the participant of an enrolment: the message is about their seat.
    case participant
}

/// One e-mail to one recipient, and the attempts made to hand it to the SMTP server.
public struct MailDelivery: Sendable, Equatable {
    public struct Attempt: Sendable, Equatable {
        public var at: Date
        public var durationMilliseconds: Int
        /// The SMTP server's last reply code (250 accepted, 4xx try later, 5xx refused), if it answered.
        public var replyCode: Int?
        public var error: String?

        public init(at: Date, durationMilliseconds: Int, replyCode: Int?, error: String?) {
            self.at = at
            self.durationMilliseconds = durationMilliseconds
            self.replyCode = replyCode
            self.error = error
        }
    }

    public var id: MailDeliveryID
    /// The notification it tells of (shared with the webhook deliveries of the same change).
    public var messageID: MessageID
    public var type: NotificationType
    public var stakeholderID: StakeholderID?
    public var role: MailRecipientRole
    public var recipientName: String
    public var recipientEmail: String
    public var language: UNLanguage
    public var status: MailDeliveryStatus
    public var attemptCount: Int
    public var nextAttemptAt: Date?
    public var lastReplyCode: Int?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var deliveredAt: Date?
    /// Filled when one delivery is read; lists leave it empty.
    public var attempts: [Attempt]

    public init(
        id: MailDeliveryID, messageID: MessageID, type: NotificationType, stakeholderID: StakeholderID?, role: MailRecipientRole,
        recipientName: String, recipientEmail: String, language: UNLanguage, status: MailDeliveryStatus, attemptCount: Int,
        nextAttemptAt: Date?, lastReplyCode: Int?, lastError: String?, createdAt: Date, updatedAt: Date, deliveredAt: Date?,
        attempts: [Attempt] = []
    ) {
        self.id = id
        self.messageID = messageID
        self.type = type
        self.stakeholderID = stakeholderID
        self.role = role
        self.recipientName = recipientName
        self.recipientEmail = recipientEmail
        self.language = language
        self.status = status
        self.attemptCount = attemptCount
        self.nextAttemptAt = nextAttemptAt
        self.lastReplyCode = lastReplyCode
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deliveredAt = deliveredAt
        self.attempts = attempts
    }
}

/// One e-mail the outbox decided to write, before it has a row.
public struct PendingMail: Sendable {
    public var id: MailDeliveryID
    public var stakeholderID: StakeholderID
    public var role: MailRecipientRole
    public var recipientName: String
    public let recipientEmail: String
    /// `MailAddress.key(recipientEmail)`, worked out once: the fan-out, the suppression lookup and its
    /// filter each asked for it (a SHA-256 each time, 3 % of a registration's time on the writer).
    public let addressKey: String
    public var language: UNLanguage
    public var context: MailContext

    public init(
        id: MailDeliveryID, stakeholderID: StakeholderID, role: MailRecipientRole, recipientName: String, recipientEmail: String,
        language: UNLanguage, context: MailContext
    ) {
        self.id = id
        self.stakeholderID = stakeholderID
        self.role = role
        self.recipientName = recipientName
        self.recipientEmail = recipientEmail
        addressKey = MailAddress.key(recipientEmail)
        self.language = language
        self.context = context
    }
}
