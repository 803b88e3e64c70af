import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `MailRepository`.
public struct GRDBMailRepository: MailRepository {
    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    // MARK: Preferences

    public func settings(of stakeholder: StakeholderID) async throws -> NotificationSettings? {
        try await writer.read { db in try Self.settings(of: stakeholder, in: db) }
    }

    public func updateSettings(of stakeholder: StakeholderID, with patch: NotificationPreferencesPatch, now: Date) async throws -> NotificationSettings {
        try await writer.write { db in
            guard var settings = try Self.settings(of: stakeholder, in: db) else {
                throw DomainError.notFound(resource: "stakeholder", id: stakeholder.rawValue)
            }
            settings.preferences = patch.applied(to: settings.preferences)
            try Self.save(settings.preferences, of: stakeholder, now: now, in: db)
            return settings
        }
    }

    public func unsubscribe(_ token: UnsubscribeToken, now: Date) async throws {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.contact_email, p.preferences FROM stakeholder s
                LEFT JOIN stakeholder_notification_settings p ON p.stakeholder_id = s.id WHERE s.id = ?
                """, arguments: [token.stakeholderID.rawValue]) else {
                throw DomainError.notFound(resource: "stakeholder", id: token.stakeholderID.rawValue)
            }
            if MailAddress.key(row["contact_email"]) == token.recipientKey {
                var preferences = NotificationPreferences.stored(row["preferences"])
                preferences.set(token.type, on: .email, wanted: false)
                try Self.save(preferences, of: token.stakeholderID, now: now, in: db)
            } else if !token.type.isSecurity {
                try Self.suppress(token.recipientKey, type: token.type.rawValue, reason: "unsubscribed", now: now, in: db)
            }
        }
    }

    // MARK: Log

    public func deliveries(_ filter: MailDeliveryFilter, page: PageRequest) async throws -> Page<MailDelivery> {
        try await writer.read { db in
            var request = MailDeliveryRecord.all()
            if let stakeholder = filter.stakeholderID { request = request.filter(Column("stakeholder_id") == stakeholder.rawValue) }
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
            if !filter.types.isEmpty { request = request.filter(filter.types.map(\.rawValue).contains(Column("type"))) }
            if let since = filter.records.updatedSince { request = request.filter(Column("updated_at") >= since) }
            let (records, next) = try request.page(page, order: filter.records.order, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func delivery(_ id: MailDeliveryID) async throws -> MailDelivery? {
        try await writer.read { db in try Self.load(id, in: db) }
    }

    public func redeliver(_ id: MailDeliveryID, now: Date) async throws -> MailDelivery {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE mail_delivery SET status = 'pending', next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
                WHERE id = ? AND (claimed_until IS NULL OR claimed_until <= ?)
                """, arguments: [now, now, id.rawValue, now])
            let updated = db.changesCount > 0
            guard let delivery = try Self.load(id, in: db) else { throw DomainError.notFound(resource: "mail delivery", id: id.rawValue) }
            // Being sent right now: a second send would duplicate it.
            guard updated else { throw DomainError.conflict("\(id) is being sent now; look again in a minute") }
            return delivery
        }
    }

    // MARK: Worker

    public func claimDue(owner: String, now: Date, limit: Int, lease: Duration) async throws -> [DueMail] {
        let held = now.addingTimeInterval(Double(lease.components.seconds))
        return try await writer.write { db in
            let records = try MailDeliveryRecord.fetchAll(db, sql: """
                SELECT * FROM mail_delivery
                WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY next_attempt_at, seq LIMIT ?
                """, arguments: [now, now, limit])
            guard !records.isEmpty else { return [] }
            let ids = records.map(\.id)
            try db.execute(sql: "UPDATE mail_delivery SET claimed_by = ?, claimed_until = ? WHERE id IN \(SQLList.placeholders(ids.count))",
                           arguments: StatementArguments([owner, held] as [any DatabaseValueConvertible] + ids))
            return try records.map { DueMail(delivery: try $0.model(), context: $0.mailContext, claimedBy: owner) }
        }
    }

    public func record(_ attempts: [MailAttemptRecord], now: Date) async throws {
        guard !attempts.isEmpty else { return }
        try await writer.write { db in
            for entry in attempts {
                let (mail, attempt) = (entry.mail, entry.attempt)
                let id = mail.delivery.id.rawValue
                try db.execute(sql: "INSERT INTO mail_attempt (delivery_id, at, duration_ms, reply_code, error) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, attempt.at, attempt.durationMilliseconds, attempt.replyCode, attempt.error])
                let state = MailOutcomeColumns(entry.outcome, now: now)
                try db.execute(sql: """
                    UPDATE mail_delivery SET status = ?, next_attempt_at = ?, delivered_at = coalesce(?, delivered_at),
                        attempt_count = attempt_count + 1, last_reply_code = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
                    WHERE id = ? AND claimed_by = ?
                    """, arguments: [state.status, state.nextAttemptAt, state.deliveredAt, attempt.replyCode, attempt.error, now, id, mail.claimedBy])
                if state.bounced {
                    try Self.suppress(MailAddress.key(mail.delivery.recipientEmail), type: "*", reason: "bounced", now: now, in: db)
                }
            }
        }
    }

    public func releaseClaims(owner: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE mail_delivery SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND status = 'pending'", arguments: [owner])
        }
    }

    public func expire(createdBefore cutoff: Date, now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE mail_delivery SET status = 'expired', next_attempt_at = NULL, updated_at = ?
                WHERE status = 'pending' AND created_at < ? AND claimed_until IS NULL
                """, arguments: [now, cutoff])
            return db.changesCount
        }
    }

    // MARK: Helpers

    private static func settings(of stakeholder: StakeholderID, in db: Database) throws -> NotificationSettings? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.contact_email, p.preferences FROM stakeholder s
            LEFT JOIN stakeholder_notification_settings p ON p.stakeholder_id = s.id WHERE s.id = ?
            """, arguments: [stakeholder.rawValue]) else { return nil }
        let bouncing = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mail_suppression WHERE address_key = ? AND type = '*')",
                                         arguments: [MailAddress.key(row["contact_email"])]) ?? false
        return NotificationSettings(stakeholderID: stakeholder, preferences: NotificationPreferences.stored(row["preferences"]), emailBouncing: bouncing)
    }

    private static func save(_ preferences: NotificationPreferences, of stakeholder: StakeholderID, now: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO stakeholder_notification_settings (stakeholder_id, preferences, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (stakeholder_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at
            """, arguments: [stakeholder.rawValue, JSONText.encode(preferences), now])
    }

    private static func suppress(_ key: String, type: String, reason: String, now: Date, in db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO mail_suppression (address_key, type, reason, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [key, type, reason, now])
    }

    private static func load(_ id: MailDeliveryID, in db: Database) throws -> MailDelivery? {
        guard let record = try MailDeliveryRecord.filter(Column("id") == id.rawValue).fetchOne(db) else { return nil }
        let attempts = try Row.fetchAll(db, sql: "SELECT at, duration_ms, reply_code, error FROM mail_attempt WHERE delivery_id = ? ORDER BY seq",
                                        arguments: [id.rawValue]).map {
            MailDelivery.Attempt(at: $0["at"], durationMilliseconds: $0["duration_ms"], replyCode: $0["reply_code"], error: $0["error"])
        }
        return try record.model(attempts: attempts)
    }
}
