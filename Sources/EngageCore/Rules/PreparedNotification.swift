import EngageDomain

/// A notification with what every outbox derives from its payload: its change-feed entries and what
/// its mails need read. Working them out parses the payload twice; a store may do it before it takes
/// its writer, so the one writer spends its time writing (for a registration, 9 % of the writer's time
/// was these two parses and the payload's rendering).
public struct PreparedNotification: Sendable {
    public let notification: ChangeNotification
    /// The change-feed entries it records (`ChangeDraft.drafts(for:)`).
    public let drafts: [ChangeDraft]
    /// What the store reads to address its mails (`MailFanOut.needs(_:)`).
    public let mailNeeds: MailFanOut.Needs

    public init(_ notification: ChangeNotification) {
        self.notification = notification
        drafts = ChangeDraft.drafts(for: notification)
        mailNeeds = MailFanOut.needs(notification)
    }
}
