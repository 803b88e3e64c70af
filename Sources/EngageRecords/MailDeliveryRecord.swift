import EngageDomain
import Foundation

/// A row of the `mail_delivery` table: one e-mail to one recipient, with what its template needs.
public struct MailDeliveryRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "mail_delivery"

    public var seq: Int64?
    public var id: String
    public var messageId: String
    public var type: String
    public var stakeholderId: String?
    public var role: String
    public var recipientName: String
    public var recipientEmail: String
    public var language: String
    /// The `MailContext` as JSON.
    public var context: String
    public var status: String
    public var attemptCount: Int
    public var nextAttemptAt: Date?
    public var lastReplyCode: Int?
    public var lastError: String?
    public var claimedBy: String?
    public var claimedUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var deliveredAt: Date?

    /// A new pending row for a mail the outbox decided to send; `encodedContext`, when given, is
    /// `JSONText.encode(mail.context)` already worked out (the mails of one change often share it).
    public init(_ mail: PendingMail, messageID: MessageID, type: NotificationType, now: Date, encodedContext: String? = nil) {
        seq = nil
        id = mail.id.rawValue
        messageId = messageID.rawValue
        self.type = type.rawValue
        stakeholderId = mail.stakeholderID.rawValue
        role = mail.role.rawValue
        recipientName = mail.recipientName
        recipientEmail = mail.recipientEmail
        language = mail.language.rawValue
        context = encodedContext ?? JSONText.encode(mail.context)
        status = MailDeliveryStatus.pending.rawValue
        attemptCount = 0
        nextAttemptAt = now
        createdAt = now
        updatedAt = now
    }

    /// The delivery as the domain knows it (attempts are read separately).
    public func model(attempts: [MailDelivery.Attempt] = []) throws -> MailDelivery {
        guard let type = NotificationType(rawValue: type), let role = MailRecipientRole(rawValue: role),
              let language = UNLanguage(rawValue: language), let status = MailDeliveryStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        return MailDelivery(
            id: MailDeliveryID(unchecked: id), messageID: MessageID(unchecked: messageId), type: type,
            stakeholderID: stakeholderId.map(StakeholderID.init(unchecked:)), role: role, recipientName: recipientName,
            recipientEmail: recipientEmail, language: language, status: status, attemptCount: attemptCount, nextAttemptAt: nextAttemptAt,
            lastReplyCode: lastReplyCode, lastError: lastError, createdAt: createdAt, updatedAt: updatedAt, deliveredAt: deliveredAt,
            attempts: attempts)
    }

    /// What the template fills in.
    public var mailContext: MailContext { JSONText.decode(MailContext.self, context) ?? MailContext() }
}
