import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The transactional outbox on PostgreSQL: repositories call `enqueue` inside the transaction of
/// the change itself, so a change and its notifications commit (or roll back) together.
///
/// Fan-out as on SQLite: one pending delivery per enabled endpoint that subscribes to the type and
/// may see it (staff endpoints everything, a stakeholder's own endpoint only what concerns it).
enum PostgresOutbox {
    /// Writes a message, its webhook deliveries and its mails; returns the message ID, or nil when nobody wants it.
    @discardableResult
    static func enqueue(
        _ notification: ChangeNotification, now: Date, in db: any SQLDatabase, only endpoint: WebhookEndpointID? = nil
    ) async throws -> MessageID? {
        if endpoint == nil { try await PostgresChangeLog.append(notification, now: now, in: db) }
        let targets = try await recipients(of: notification, only: endpoint, in: db)
        let mails = endpoint == nil ? try await PostgresMailOutbox.mails(for: notification, in: db) : []
        guard !targets.isEmpty || !mails.isEmpty else { return nil }
        let id = MessageID.generate()
        for mail in mails { try await MailDeliveryRecord(mail, messageID: id, type: notification.type, now: now).insert(in: db) }
        for (index, message) in WebhookEnvelope.messages(notification, targets: targets).enumerated() {
            let messageID = index == 0 ? id : MessageID.generate()
            let body = String(decoding: WebhookEnvelope.body(messageID, notification, now, affected: message.affected), as: UTF8.self)
            try await db.raw("""
                INSERT INTO notification_message (id, type, body, created_at)
                VALUES (\(bind: messageID.rawValue), \(bind: notification.type.rawValue), \(bind: body), \(bind: now))
                """).run()
            for target in message.targets {
                try await db.raw("""
                    INSERT INTO webhook_delivery (id, message_id, endpoint_id, type, status, attempt_count, next_attempt_at, created_at, updated_at)
                    VALUES (\(bind: WebhookDeliveryID.generate().rawValue), \(bind: messageID.rawValue), \(bind: target), \(bind: notification.type.rawValue),
                            'pending', 0, \(bind: now), \(bind: now), \(bind: now))
                    """).run()
            }
        }
        return id
    }

    /// The endpoints that receive the notification, each with the organisation that owns it (nil: staff).
    private static func recipients(
        of notification: ChangeNotification, only endpoint: WebhookEndpointID?, in db: any SQLDatabase
    ) async throws -> [(id: String, owner: String?)] {
        var query: SQLQueryString = """
            SELECT id, event_types, owner_stakeholder_id,
                   (SELECT preferences FROM stakeholder_notification_settings WHERE stakeholder_id = owner_stakeholder_id) AS preferences
            FROM webhook_endpoint WHERE enabled
            """
        if let endpoint {
            query.appendLiteral(" AND id = ")
            query.appendInterpolation(bind: endpoint.rawValue)
        } else if notification.concerns.isEmpty {
            query.appendLiteral(" AND owner_stakeholder_id IS NULL")
        } else {
            query.appendLiteral(" AND (owner_stakeholder_id IS NULL OR owner_stakeholder_id = ANY(")
            query.appendInterpolation(bind: notification.concerns.map(\.rawValue))
            query.appendLiteral("))")
        }
        query.appendLiteral(" ORDER BY seq")
        return try await db.raw(query).all().compactMap { row in
            let target = (id: try row.decode(column: "id", as: String.self), owner: try row.decode(column: "owner_stakeholder_id", as: String?.self))
            if endpoint != nil { return target }
            let types = JSONText.decode([String].self, try row.decode(column: "event_types", as: String.self)) ?? []
            let isStakeholders = target.owner != nil
            // An organisation's own endpoints also follow its notification preferences.
            let preferences = NotificationPreferences.stored(try row.decode(column: "preferences", as: String?.self))
            if isStakeholders && !preferences.wants(notification.type, on: .webhook) { return nil }
            return WebhookEnvelope.wants(types: types, stakeholderOwned: isStakeholders, notification.type) ? target : nil
        }
    }
}
