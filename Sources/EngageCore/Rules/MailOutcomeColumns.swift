import EngageDomain
import Foundation

/// What a mail attempt's outcome writes to its delivery row, the same on every store.
public struct MailOutcomeColumns: Sendable {
    public var status: String
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    /// The address is to be suppressed: the server refused the mailbox itself.
    public var bounced: Bool

    public init(_ outcome: MailOutcome, now: Date) {
        switch outcome {
        case .delivered:
            (status, nextAttemptAt, deliveredAt, bounced) = (MailDeliveryStatus.delivered.rawValue, nil, now, false)
        case .retry(let at):
            (status, nextAttemptAt, deliveredAt, bounced) = (MailDeliveryStatus.pending.rawValue, at, nil, false)
        case .failed(let isBounce):
            (status, nextAttemptAt, deliveredAt, bounced) = (MailDeliveryStatus.failed.rawValue, nil, nil, isBounce)
        }
    }
}
