import EngageCore
import EngageDomain
import Foundation

/// One e-mail in the staff log (`GET /v1/mail-deliveries`).
struct MailDeliveryResponse: Encodable, Sendable {
    struct AttemptResponse: Encodable, Sendable {
        var at: Date
        var durationMs: Int
        /// The SMTP server's reply code, when it answered.
        @Nullable var replyCode: Int?
        @Nullable var error: String?
    }

    var id: String
    var messageId: String
    var type: String
    @Nullable var stakeholderId: String?
    var recipientRole: String
    var recipientName: String
    var recipientEmail: String
    var language: String
    var status: String
    var attemptCount: Int
    @Nullable var nextAttemptAt: Date?
    @Nullable var lastReplyCode: Int?
    @Nullable var lastError: String?
    var createdAt: Date
    var updatedAt: Date
    @Nullable var deliveredAt: Date?
    var attempts: [AttemptResponse]?

    init(_ delivery: MailDelivery, withAttempts: Bool) {
        id = delivery.id.rawValue
        messageId = delivery.messageID.rawValue
        type = delivery.type.rawValue
        stakeholderId = delivery.stakeholderID?.rawValue
        recipientRole = delivery.role.rawValue
        recipientName = delivery.recipientName
        recipientEmail = delivery.recipientEmail
        language = delivery.language.rawValue
        status = delivery.status.rawValue
        attemptCount = delivery.attemptCount
        nextAttemptAt = delivery.nextAttemptAt
        lastReplyCode = delivery.lastReplyCode
        lastError = delivery.lastError
        createdAt = delivery.createdAt
        updatedAt = delivery.updatedAt
        deliveredAt = delivery.deliveredAt
        if withAttempts {
            attempts = delivery.attempts.map { AttemptResponse(at: $0.at, durationMs: $0.durationMilliseconds, replyCode: $0.replyCode, error: $0.error) }
        }
    }
}

/// An organisation's notification preferences: every type it can choose, on each channel.
struct NotificationPreferencesResponse: Encodable, Sendable {
    var stakeholderId: String
    var language: String
    /// Type → whether it is sent by e-mail to the organisation's contact.
    var email: [String: Bool]
    /// Type → whether it is sent to the organisation's own webhook endpoints.
    var webhook: [String: Bool]
    /// The contact address bounced; nothing is mailed to it until the organisation changes it.
    var emailAddressBouncing: Bool
    /// Security messages, sent whatever the preferences say.
    var alwaysSent: [String]

    init(_ settings: NotificationSettings) {
        stakeholderId = settings.stakeholderID.rawValue
        language = settings.preferences.language.rawValue
        email = Dictionary(uniqueKeysWithValues: NotificationPreferences.choosable.map { ($0.rawValue, settings.preferences.wants($0, on: .email)) })
        webhook = Dictionary(uniqueKeysWithValues: NotificationPreferences.choosable.map { ($0.rawValue, settings.preferences.wants($0, on: .webhook)) })
        emailAddressBouncing = settings.emailBouncing
        alwaysSent = NotificationType.allCases.filter(\.isSecurity).map(\.rawValue)
    }
}

/// The answer to a one-click unsubscribe.
struct UnsubscribeResponse: Encodable, Sendable {
    var unsubscribed: Bool
    var type: String
}
