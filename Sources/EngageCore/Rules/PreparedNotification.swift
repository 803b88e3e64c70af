import EngageDomain

/// A notification with what every outbox derives from its payload: its change-feed entries and what
/// its mails need read, from one parse of the payload. A store may work them out before it takes its
/// writer, so the one writer spends its time writing (for a registration, 9 % of the writer's time
/// was two parses and the payload's rendering).
public struct PreparedNotification: Sendable {
    public let notification: ChangeNotification
    /// The change-feed entries it records (`ChangeDraft.drafts(for:)`).
    public let drafts: [ChangeDraft]
    /// What the store reads to address its mails (`MailFanOut.needs(_:)`).
    public let mailNeeds: MailFanOut.Needs

    public init(_ notification: ChangeNotification) {
        self.notification = notification
        let fields = MailFanOut.fields(notification.data)
        drafts = ChangeDraft.drafts(for: notification, fields: fields)
        mailNeeds = MailFanOut.needs(notification, fields: fields)
    }
}
