import Foundation

/// How an organisation wants to hear from Engage: its language, and which types it takes on each channel.
///
/// Everything is on by default; an organisation turns types off. Security messages cannot be turned off.
public struct NotificationPreferences: Sendable, Equatable, Codable {
    /// The channels a preference can name.
    public enum Channel: String, Sendable, CaseIterable, Codable {
        case email, webhook
    }

    public var language: UNLanguage
    /// The types turned off for e-mail to the organisation's contact.
    public var emailOptOuts: Set<NotificationType>
    /// The types turned off for the organisation's own webhook endpoints.
    public var webhookOptOuts: Set<NotificationType>

    public init(language: UNLanguage = .fallback, emailOptOuts: Set<NotificationType> = [], webhookOptOuts: Set<NotificationType> = []) {
        self.language = language
        self.emailOptOuts = emailOptOuts
        self.webhookOptOuts = webhookOptOuts
    }

    /// The types an organisation can choose: those that can concern it, save the security messages.
    public static let choosable: [NotificationType] = NotificationType.allCases.filter { $0.isOpenToStakeholders && !$0.isSecurity && $0 != .test }

    /// Whether the organisation takes `type` on `channel`.
    public func wants(_ type: NotificationType, on channel: Channel) -> Bool {
        if type.isSecurity { return true }
        switch channel {
        case .email: return !emailOptOuts.contains(type)
        case .webhook: return !webhookOptOuts.contains(type)
        }
    }

    /// Turns one type on or off on one channel (security messages stay on).
    public mutating func set(_ type: NotificationType, on channel: Channel, wanted: Bool) {
        guard !type.isSecurity else { return }
        switch channel {
        case .email: if wanted { emailOptOuts.remove(type) } else { emailOptOuts.insert(type) }
        case .webhook: if wanted { webhookOptOuts.remove(type) } else { webhookOptOuts.insert(type) }
        }
    }

    enum CodingKeys: String, CodingKey {
        case language
        case emailOptOuts = "email_opt_outs"
        case webhookOptOuts = "webhook_opt_outs"
    }
}

/// A merge patch of preferences: `{"language": "fr", "email": {"event.updated": false}, "webhook": {…}}`.
public struct NotificationPreferencesPatch: Sendable, Equatable {
    public var language: UNLanguage?
    public var choices: [(channel: NotificationPreferences.Channel, type: NotificationType, wanted: Bool)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.language == rhs.language && lhs.choices.map { "\($0.channel)\($0.type)\($0.wanted)" } == rhs.choices.map { "\($0.channel)\($0.type)\($0.wanted)" }
    }

    /// Reads a body, naming every bad field (`email.event.updated`, say).
    public static func parse(_ body: JSONValue) throws(DomainError) -> NotificationPreferencesPatch {
        var reader = ObjectReader(body)
        var patch = NotificationPreferencesPatch(language: nil, choices: [])
        patch.language = reader.enumeration("language", UNLanguage.self, allowNull: false)
        for channel in NotificationPreferences.Channel.allCases {
            guard let value = reader.raw(channel.rawValue) else { continue }
            guard case .object(let fields) = value else {
                reader.fail(channel.rawValue, "must be an object of notification types to true or false, got \(value.typeName)")
                continue
            }
            for (name, wanted) in fields.sorted(by: { $0.key < $1.key }) {
                let field = "\(channel.rawValue).\(name)"
                guard let type = NotificationType(rawValue: name) else {
                    reader.fail(field, "is not a notification type; GET /v1/webhook-event-types lists them")
                    continue
                }
                guard case .bool(let on) = wanted else {
                    reader.fail(field, "must be true or false, got \(wanted.typeName)")
                    continue
                }
                if type.isSecurity {
                    if !on { reader.fail(field, "is a security message and cannot be turned off") }
                    continue
                }
                guard NotificationPreferences.choosable.contains(type) else {
                    reader.fail(field, "is not sent to organisations")
                    continue
                }
                patch.choices.append((channel, type, on))
            }
        }
        for field in ["stakeholder_id", "email_address_bouncing", "always_sent"] where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return patch
    }

    /// The preferences with this patch applied.
    public func applied(to preferences: NotificationPreferences) -> NotificationPreferences {
        var result = preferences
        if let language { result.language = language }
        for choice in choices { result.set(choice.type, on: choice.channel, wanted: choice.wanted) }
        return result
    }
}
