import EngageDomain
import Foundation

/// What both stores' outboxes write and decide alike.
public enum WebhookEnvelope {
    /// The Standard Webhooks body: `{"data": …, "id": …, "previous": …, "reason": …, "timestamp": …, "type": …}`,
    /// keys sorted; `previous` (status and dates before the change) only on lifecycle moves of events and
    /// workshops and on moves on a waiting list, `reason` only where the resource does not carry its own.
    public static func body(_ id: MessageID, _ notification: ChangeNotification, _ now: Date) -> Data {
        var body = Data(#"{"data":"#.utf8)
        body.append(notification.data)
        body.append(Data(#","id":"\#(id.rawValue)""#.utf8))
        if let previous = notification.previous {
            body.append(Data(#","previous":"#.utf8))
            body.append(Data(JSONText.encode(previous).utf8))
        }
        if let reason = notification.reason {
            body.append(Data(#","reason":"#.utf8))
            body.append(Data(JSONText.encode(reason).utf8))
        }
        body.append(Data(#","timestamp":"\#(Timestamp.format(now))","type":"\#(notification.type.rawValue)"}"#.utf8))
        return body
    }

    /// Whether an endpoint subscribed to `types` (empty: every type) receives `type`; a stakeholder's
    /// own endpoint receives only the types open to stakeholders.
    public static func wants(types: [String], stakeholderOwned: Bool, _ type: NotificationType) -> Bool {
        if stakeholderOwned && !type.isOpenToStakeholders { return false }
        return types.isEmpty || types.contains(type.rawValue)
    }
}
