import EngageDomain
import Foundation

/// What both stores' outboxes write and decide alike.
public enum WebhookEnvelope {
    /// The Standard Webhooks body: `{"data": …, "id": …, "previous": …, "reason": …, "timestamp": …, "type": …}`,
    /// keys sorted; `previous` (status and dates before the change) only on lifecycle moves of events and
    /// workshops and on moves on a waiting list, `reason` only where the resource does not carry its own.
    public static func body(_ id: MessageID, _ notification: ChangeNotification, _ now: Date, affected: [AffectedItem]? = nil) -> Data {
        var body = Data("{".utf8)
        if let affected {
            body.append(Data(#""affected":"#.utf8))
            body.append(Data(JSONText.encode(affected).utf8))
            body.append(Data(",".utf8))
        }
        body.append(Data(#""data":"#.utf8))
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

    /// The messages one notification becomes, each with the endpoints it goes to: the first for every
    /// endpoint but those of organisations with items of their own affected; then one for each such
    /// organisation's endpoints, carrying its items (nobody sees another's registrations).
    public static func messages(_ notification: ChangeNotification, targets: [(id: String, owner: String?)]) -> [(affected: [AffectedItem]?, targets: [String])] {
        var general: [String] = []
        var own: [(affected: [AffectedItem]?, targets: [String])] = []
        var index: [String: Int] = [:]
        for target in targets {
            guard let owner = target.owner, let items = notification.affected[StakeholderID(unchecked: owner)] else {
                general.append(target.id)
                continue
            }
            if let at = index[owner] { own[at].targets.append(target.id) } else {
                index[owner] = own.count
                own.append((items, [target.id]))
            }
        }
        return (general.isEmpty ? [] : [(nil, general)]) + own
    }

    /// Whether an endpoint subscribed to `types` (empty: every type) receives `type`; a stakeholder's
    /// own endpoint receives only the types open to stakeholders.
    public static func wants(types: [String], stakeholderOwned: Bool, _ type: NotificationType) -> Bool {
        if stakeholderOwned && !type.isOpenToStakeholders { return false }
        return types.isEmpty || types.contains(type.rawValue)
    }
}
