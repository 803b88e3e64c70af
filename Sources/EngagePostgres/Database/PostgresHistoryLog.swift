import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// A history table (`event_history`, `workshop_history`, `pilot_initiative_history`) on PostgreSQL:
/// the same columns as on SQLite, keyed by the subject's own column.
struct PostgresHistoryLog: Sendable {
    let table: String
    let subjectColumn: String

    static let events = PostgresHistoryLog(table: "event_history", subjectColumn: "event_id")
    static let workshops = PostgresHistoryLog(table: "workshop_history", subjectColumn: "workshop_id")
    static let pilotInitiatives = PostgresHistoryLog(table: "pilot_initiative_history", subjectColumn: "pilot_initiative_id")

    /// Appends an entry (in the caller's transaction).
    func append(_ entry: HistoryEntry, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO \(ident: table) (id, \(ident: subjectColumn), action, from_status, to_status, reason, changed_fields,
                previous_starts_on, previous_ends_on, starts_on, ends_on, actor, at)
            VALUES (\(bind: entry.id.rawValue), \(bind: entry.subjectID), \(bind: entry.action.rawValue), \(bind: entry.fromStatus),
                \(bind: entry.toStatus), \(bind: entry.reason), \(bind: JSONText.encode(entry.changedFields)),
                \(bind: entry.previousDates?.startsOn.description), \(bind: entry.previousDates?.endsOn.description),
                \(bind: entry.dates?.startsOn.description), \(bind: entry.dates?.endsOn.description), \(bind: entry.actor), \(bind: entry.at))
            """).run()
    }

    /// One page of a subject's history, oldest first.
    func page(of subject: String, _ page: PageRequest, in db: any SQLDatabase) async throws -> Page<HistoryEntry> {
        let rows = try await db.raw("""
            SELECT * FROM \(ident: table) WHERE \(ident: subjectColumn) = \(bind: subject) AND seq > \(bind: page.after?.sequence ?? 0)
            ORDER BY seq LIMIT \(literal: page.limit + 1)
            """).all()
        let visible = rows.prefix(page.limit)
        let next = try rows.count > page.limit ? visible.last.map { PageCursor(sequence: try $0.decode(column: "seq", as: Int64.self)) } : nil
        return Page(items: try visible.map(entry), next: next)
    }

    private func entry(_ row: any SQLRow) throws -> HistoryEntry {
        let id = try row.decode(column: "id", as: String.self)
        guard let action = HistoryEntry.Action(rawValue: try row.decode(column: "action", as: String.self)) else {
            throw StorageError.corruptRow(table: table, id: id)
        }
        return HistoryEntry(
            id: HistoryEntryID(unchecked: id), subjectID: try row.decode(column: subjectColumn, as: String.self), action: action,
            fromStatus: try row.decode(column: "from_status", as: String?.self), toStatus: try row.decode(column: "to_status", as: String?.self),
            reason: try row.decode(column: "reason", as: String?.self),
            changedFields: JSONText.decode([String].self, try row.decode(column: "changed_fields", as: String.self)) ?? [],
            previousDates: DateRange(iso: try row.decode(column: "previous_starts_on", as: String?.self), try row.decode(column: "previous_ends_on", as: String?.self)),
            dates: DateRange(iso: try row.decode(column: "starts_on", as: String?.self), try row.decode(column: "ends_on", as: String?.self)),
            actor: try row.decode(column: "actor", as: String.self), at: try row.decode(column: "at", as: Date.self))
    }
}
