import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// Writes and reads the change feed on PostgreSQL.
///
/// Sequence numbers are handed out as rows are inserted, not as transactions commit, so two
/// writers could commit out of order and a reader resuming after the later one would skip the
/// earlier. Writers therefore take a transaction-scoped advisory lock before they number an entry:
/// the next writer numbers its own only after the previous one has committed (or rolled back).
enum PostgresChangeLog {
    /// An arbitrary, fixed key for `pg_advisory_xact_lock`: "Feed" in ASCII.
    private static let lockKey: Int64 = 0x4665_6564

    /// Appends the entries a notification records (in the caller's transaction).
    static func append(_ notification: ChangeNotification, now: Date, in db: any SQLDatabase) async throws {
        let drafts = ChangeDraft.drafts(for: notification)
        guard !drafts.isEmpty else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
        for draft in drafts {
            try await db.raw("""
                INSERT INTO change_log (resource_type, resource_id, version, kind, notification_type, public, concerns, at)
                VALUES (\(bind: draft.resourceType.rawValue), \(bind: draft.resourceID), \(bind: draft.version), \(bind: draft.kind.rawValue),
                        \(bind: draft.notificationType.rawValue), \(bind: draft.isPublic), \(bind: JSONText.encode(draft.concerns.map(\.rawValue))), \(bind: now))
                """).run()
        }
    }

    /// One page of the entries `filter` lets through, after `page.after`.
    static func page(_ filter: ChangeFilter, _ page: PageRequest, in db: any SQLDatabase) async throws -> Page<Change> {
        var query: SQLQueryString = "SELECT * FROM change_log WHERE seq > \(bind: page.after?.sequence ?? 0)"
        if !filter.types.isEmpty {
            query.appendInterpolation(" AND resource_type = ANY(\(bind: filter.types.map(\.rawValue)))" as SQLQueryString)
        }
        switch filter.scope {
        case .everything: break
        case .publicOnly: query.appendLiteral(" AND public")
        case .stakeholder(let id): query.appendInterpolation(" AND (public OR concerns::jsonb @> jsonb_build_array(\(bind: id.rawValue)::text))" as SQLQueryString)
        }
        query.appendInterpolation(" ORDER BY seq LIMIT \(literal: page.limit + 1)" as SQLQueryString)
        let rows = try await db.raw(query).all()
        let changes = try rows.prefix(page.limit).map(change)
        return Page(items: changes, next: rows.count > page.limit ? changes.last.map { PageCursor(sequence: $0.sequence) } : nil)
    }

    private static func change(_ row: any SQLRow) throws -> Change {
        let seq = try row.decode(column: "seq", as: Int64.self)
        guard let type = ChangeResourceType(rawValue: try row.decode(column: "resource_type", as: String.self)),
              let kind = ChangeKind(rawValue: try row.decode(column: "kind", as: String.self)),
              let notificationType = NotificationType(rawValue: try row.decode(column: "notification_type", as: String.self)) else {
            throw StorageError.corruptRow(table: "change_log", id: String(seq))
        }
        return Change(
            sequence: seq, resourceType: type, resourceID: try row.decode(column: "resource_id", as: String.self),
            version: try row.decode(column: "version", as: Int?.self), kind: kind, notificationType: notificationType,
            at: try row.decode(column: "at", as: Date.self))
    }
}
