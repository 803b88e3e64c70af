import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The transactional outbox. Repositories call `enqueue` inside the write transaction of the
/// change itself, so a change and its notifications commit (or roll back) together.
///
/// Fan-out happens here too: one pending delivery per enabled endpoint that subscribes to the
/// type and may see it — staff endpoints see everything, a stakeholder's own endpoint only
/// what concerns that stakeholder.
public enum Outbox {
    /// Writes a message, its webhook deliveries and its mails; returns the message ID, or nil when nobody wants it.
    @discardableResult
    public static func enqueue(_ notification: ChangeNotification, now: Date, in db: Database, only endpoint: WebhookEndpointID? = nil) throws -> MessageID? {
        try enqueue(PreparedNotification(notification), now: now, in: db, only: endpoint)
    }

    /// `enqueue` for a notification prepared before the transaction (`PreparedNotification`); `event` is the
    /// event the notification's mails tell of, when the caller has already read it in this transaction.
    @discardableResult
    public static func enqueue(_ prepared: PreparedNotification, now: Date, in db: Database, only endpoint: WebhookEndpointID? = nil,
                               event: EventRecord? = nil) throws -> MessageID? {
        let notification = prepared.notification
        if endpoint == nil { try ChangeLog.append(prepared.drafts, now: now, in: db) }
        let targets = try recipients(of: notification, only: endpoint, in: db)
        let mails = endpoint == nil ? try MailOutbox.mails(for: notification, needs: prepared.mailNeeds, event: event, in: db) : []
        guard !targets.isEmpty || !mails.isEmpty else { return nil }
        let id = MessageID.generate()
        let at = StoredDate(now)
        try MailOutbox.insert(mails, messageID: id, type: notification.type, now: now, in: db)
        for (index, message) in WebhookEnvelope.messages(notification, targets: targets).enumerated() {
            let messageID = index == 0 ? id : MessageID.generate()
            let body = WebhookEnvelope.body(messageID, notification, now, affected: message.affected)
            try db.executeCached(
                "INSERT INTO notification_message (id, type, body, created_at) VALUES (?, ?, ?, ?)",
                arguments: [messageID.rawValue, notification.type.rawValue, String(decoding: body, as: UTF8.self), at])
            for target in message.targets {
                try db.executeCached("""
                    INSERT INTO webhook_delivery (id, message_id, endpoint_id, type, status, attempt_count, next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                    """, arguments: [WebhookDeliveryID.generate().rawValue, messageID.rawValue, target, notification.type.rawValue, at, at, at])
            }
        }
        return id
    }

    /// The endpoints that receive the notification, each with the organisation that owns it (nil: staff).
    private static func recipients(of notification: ChangeNotification, only endpoint: WebhookEndpointID?, in db: Database) throws -> [(id: String, owner: String?)] {
        var sql = """
            SELECT id, event_types, owner_stakeholder_id,
                   (SELECT preferences FROM stakeholder_notification_settings WHERE stakeholder_id = owner_stakeholder_id) AS preferences
            FROM webhook_endpoint WHERE enabled = 1
            """
        var arguments: [String] = []
        if let endpoint {
            sql += " AND id = ?"
            arguments.append(endpoint.rawValue)
        } else if notification.concerns.isEmpty {
            sql += " AND owner_stakeholder_id IS NULL"
        } else {
            sql += " AND (owner_stakeholder_id IS NULL OR owner_stakeholder_id IN \(SQLList.placeholders(notification.concerns.count)))"
            arguments += notification.concerns.map(\.rawValue)
        }
        sql += " ORDER BY seq"
        return try Row.fetchAll(db.statement(sql, inListOf: notification.concerns.count), arguments: StatementArguments(texts: arguments)).compactMap { row in
            let target: (id: String, owner: String?) = (row["id"], row["owner_stakeholder_id"])
            if endpoint != nil { return target }
            let types = JSONText.decode([String].self, row["event_types"]) ?? []
            let isStakeholders = target.owner != nil
            // An organisation's own endpoints also follow its notification preferences.
            if isStakeholders && !NotificationPreferences.stored(row["preferences"]).wants(notification.type, on: .webhook) { return nil }
            return WebhookEnvelope.wants(types: types, stakeholderOwned: isStakeholders, notification.type) ? target : nil
        }
    }
}
