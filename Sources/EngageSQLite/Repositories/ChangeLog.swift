import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// Writes and reads the change feed on SQLite. One writer at a time means the sequence is the
/// commit order.
enum ChangeLog {
    /// Appends the entries a notification records (`ChangeDraft.drafts(for:)`), in the caller's transaction.
    static func append(_ drafts: [ChangeDraft], now: Date, in db: Database) throws {
        for draft in drafts {
            try db.executeCached("""
                INSERT INTO change_log (resource_type, resource_id, version, kind, notification_type, public, concerns, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    draft.resourceType.rawValue, draft.resourceID, draft.version, draft.kind.rawValue, draft.notificationType.rawValue,
                    draft.isPublic, JSONText.encode(draft.concerns.map(\.rawValue)), StoredDate(now),
                ])
        }
    }

    /// One page of the entries `filter` lets through, after `page.after`.
    static func page(_ filter: ChangeFilter, _ page: PageRequest, in db: Database) throws -> Page<Change> {
        var sql = "SELECT * FROM change_log WHERE seq > ?"
        var arguments: [any DatabaseValueConvertible] = [page.after?.sequence ?? 0]
        if !filter.types.isEmpty {
            sql += " AND resource_type IN \(SQLList.placeholders(filter.types.count))"
            arguments += filter.types.map(\.rawValue)
        }
        switch filter.scope {
        case .everything: break
        case .publicOnly: sql += " AND public = 1"
        case .stakeholder(let id):
            sql += " AND (public = 1 OR EXISTS (SELECT 1 FROM json_each(change_log.concerns) WHERE value = ?))"
            arguments.append(id.rawValue)
        }
        sql += " ORDER BY seq LIMIT ?"
        arguments.append(page.limit + 1)
        let rows = try Row.decodeAll(db, sql: sql, arguments: StatementArguments(arguments), change)
        let changes = Array(rows.prefix(page.limit))
        return Page(items: changes, next: rows.count > page.limit ? changes.last.map { PageCursor(sequence: $0.sequence) } : nil)
    }

    private static func change(_ row: Row) throws -> Change {
        let seq: Int64 = row["seq"]
        guard let type = ChangeResourceType(rawValue: row["resource_type"]), let kind = ChangeKind(rawValue: row["kind"]),
              let notificationType = NotificationType(rawValue: row["notification_type"]) else {
            throw StorageError.corruptRow(table: "change_log", id: String(seq))
        }
        return Change(sequence: seq, resourceType: type, resourceID: row["resource_id"], version: row["version"], kind: kind,
                      notificationType: notificationType, at: row["at"])
    }
}
