import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `MailRepository`. Several instances share the queue: a claim takes
/// rows `FOR NO KEY UPDATE SKIP LOCKED`, so two workers never claim the same mail nor wait on each other.
struct PostgresMailRepository: MailRepository {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    // MARK: Preferences

    func settings(of stakeholder: StakeholderID) async throws -> NotificationSettings? {
        try await database.read { db in try await Self.settings(of: stakeholder, lock: false, in: db) }
    }

    func updateSettings(of stakeholder: StakeholderID, with patch: NotificationPreferencesPatch, now: Date) async throws -> NotificationSettings {
        try await database.write { db in
            guard var settings = try await Self.settings(of: stakeholder, lock: true, in: db) else {
                throw DomainError.notFound(resource: "stakeholder", id: stakeholder.rawValue)
            }
            settings.preferences = patch.applied(to: settings.preferences)
            try await Self.save(settings.preferences, of: stakeholder, now: now, in: db)
            return settings
        }
    }

    func unsubscribe(_ token: UnsubscribeToken, now: Date) async throws {
        try await database.write { db in
            guard let settings = try await Self.settings(of: token.stakeholderID, lock: true, in: db),
                  let email = try await db.raw("SELECT contact_email FROM stakeholder WHERE id = \(bind: token.stakeholderID.rawValue)")
                      .first()?.decode(column: "contact_email", as: String.self) else {
                throw DomainError.notFound(resource: "stakeholder", id: token.stakeholderID.rawValue)
            }
            if MailAddress.key(email) == token.recipientKey {
                var preferences = settings.preferences
                preferences.set(token.type, on: .email, wanted: false)
                try await Self.save(preferences, of: token.stakeholderID, now: now, in: db)
            } else if !token.type.isSecurity {
                try await Self.suppress(token.recipientKey, type: token.type.rawValue, reason: "unsubscribed", now: now, in: db)
            }
        }
    }

    // MARK: Log

    func deliveries(_ filter: MailDeliveryFilter, page: PageRequest) async throws -> Page<MailDelivery> {
        try await database.read { db in
            var condition: SQLQueryString = "TRUE"
            if let stakeholder = filter.stakeholderID { condition.appendInterpolation(unsafeRaw: " AND stakeholder_id = "); condition.appendInterpolation(bind: stakeholder.rawValue) }
            if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
            if !filter.types.isEmpty { condition += " AND \(PostgresFragments.oneOf("type", filter.types.map(\.rawValue)))" }
            if let since = filter.records.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            let (records, next) = try await MailDeliveryRecord.page(where: condition, order: filter.records.order, page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func delivery(_ id: MailDeliveryID) async throws -> MailDelivery? {
        try await database.read { db in try await Self.load(id, in: db) }
    }

    func redeliver(_ id: MailDeliveryID, now: Date) async throws -> MailDelivery {
        try await database.write { db in
            let updated = try await db.raw("""
                UPDATE mail_delivery SET status = 'pending', next_attempt_at = \(bind: now), claimed_by = NULL, claimed_until = NULL,
                    updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND (claimed_until IS NULL OR claimed_until <= \(bind: now)) RETURNING id
                """).first()
            guard let delivery = try await Self.load(id, in: db) else { throw DomainError.notFound(resource: "mail delivery", id: id.rawValue) }
            // Being sent right now: a second send would duplicate it.
            guard updated != nil else { throw DomainError.conflict("\(id) is being sent now; look again in a minute") }
            return delivery
        }
    }

    // MARK: Worker

    func claimDue(owner: String, now: Date, limit: Int, lease: Duration) async throws -> [DueMail] {
        let held = now.addingTimeInterval(Double(lease.components.seconds))
        return try await database.write { db in
            let records = try await MailDeliveryRecord.fetchAll("""
                UPDATE mail_delivery SET claimed_by = \(bind: owner), claimed_until = \(bind: held)
                WHERE id IN (
                    SELECT id FROM mail_delivery
                    WHERE status = 'pending' AND next_attempt_at <= \(bind: now) AND (claimed_until IS NULL OR claimed_until <= \(bind: now))
                    ORDER BY next_attempt_at, seq LIMIT \(literal: limit)
                    FOR NO KEY UPDATE SKIP LOCKED)
                RETURNING *
                """, in: db)
            return try records.sorted { ($0.nextAttemptAt ?? now, $0.seq ?? 0) < ($1.nextAttemptAt ?? now, $1.seq ?? 0) }
                .map { DueMail(delivery: try $0.model(), context: $0.mailContext, claimedBy: owner) }
        }
    }

    func record(_ attempts: [MailAttemptRecord], now: Date) async throws {
        guard !attempts.isEmpty else { return }
        try await database.write { db in
            for entry in attempts {
                let (mail, attempt) = (entry.mail, entry.attempt)
                let id = mail.delivery.id.rawValue
                try await db.raw("""
                    INSERT INTO mail_attempt (delivery_id, at, duration_ms, reply_code, error)
                    VALUES (\(bind: id), \(bind: attempt.at), \(bind: attempt.durationMilliseconds), \(bind: attempt.replyCode), \(bind: attempt.error))
                    """).run()
                let state = MailOutcomeColumns(entry.outcome, now: now)
                try await db.raw("""
                    UPDATE mail_delivery SET status = \(bind: state.status), next_attempt_at = \(bind: state.nextAttemptAt),
                        delivered_at = coalesce(\(bind: state.deliveredAt), delivered_at), attempt_count = attempt_count + 1,
                        last_reply_code = \(bind: attempt.replyCode), last_error = \(bind: attempt.error), claimed_by = NULL, claimed_until = NULL,
                        updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND claimed_by = \(bind: mail.claimedBy)
                    """).run()
                if state.bounced {
                    try await Self.suppress(MailAddress.key(mail.delivery.recipientEmail), type: "*", reason: "bounced", now: now, in: db)
                }
            }
        }
    }

    func releaseClaims(owner: String) async throws {
        try await database.write { db in
            try await db.raw("""
                UPDATE mail_delivery SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = \(bind: owner) AND status = 'pending'
                """).run()
        }
    }

    func expire(createdBefore cutoff: Date, now: Date) async throws -> Int {
        try await database.write { db in
            try await db.raw("""
                WITH expired AS (
                    UPDATE mail_delivery SET status = 'expired', next_attempt_at = NULL, updated_at = \(bind: now)
                    WHERE status = 'pending' AND created_at < \(bind: cutoff) AND claimed_until IS NULL RETURNING id)
                SELECT count(*) AS n FROM expired
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    // MARK: Helpers

    private static func settings(of stakeholder: StakeholderID, lock: Bool, in db: any SQLDatabase) async throws -> NotificationSettings? {
        guard let row = try await db.raw("""
            SELECT s.contact_email, p.preferences FROM stakeholder s
            LEFT JOIN stakeholder_notification_settings p ON p.stakeholder_id = s.id WHERE s.id = \(bind: stakeholder.rawValue)
            \(unsafeRaw: lock ? "FOR NO KEY UPDATE OF s" : "")
            """).first() else { return nil }
        let key = MailAddress.key(try row.decode(column: "contact_email", as: String.self))
        let bouncing = try await db.raw("SELECT EXISTS (SELECT 1 FROM mail_suppression WHERE address_key = \(bind: key) AND type = '*') AS b")
            .first()?.decode(column: "b", as: Bool.self) ?? false
        return NotificationSettings(
            stakeholderID: stakeholder, preferences: .stored(try row.decode(column: "preferences", as: String?.self)), emailBouncing: bouncing)
    }

    private static func save(_ preferences: NotificationPreferences, of stakeholder: StakeholderID, now: Date, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO stakeholder_notification_settings (stakeholder_id, preferences, updated_at)
            VALUES (\(bind: stakeholder.rawValue), \(bind: JSONText.encode(preferences)), \(bind: now))
            ON CONFLICT (stakeholder_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at
            """).run()
    }

    private static func suppress(_ key: String, type: String, reason: String, now: Date, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO mail_suppression (address_key, type, reason, created_at) VALUES (\(bind: key), \(bind: type), \(bind: reason), \(bind: now))
            ON CONFLICT DO NOTHING
            """).run()
    }

    private static func load(_ id: MailDeliveryID, in db: any SQLDatabase) async throws -> MailDelivery? {
        guard let record = try await MailDeliveryRecord.find(id.rawValue, in: db) else { return nil }
        let attempts = try await db.raw("""
            SELECT at, duration_ms, reply_code, error FROM mail_attempt WHERE delivery_id = \(bind: id.rawValue) ORDER BY seq
            """).all().map { row in
            MailDelivery.Attempt(
                at: try row.decode(column: "at", as: Date.self), durationMilliseconds: try row.decode(column: "duration_ms", as: Int.self),
                replyCode: try row.decode(column: "reply_code", as: Int?.self), error: try row.decode(column: "error", as: String?.self))
        }
        return try record.model(attempts: attempts)
    }
}
