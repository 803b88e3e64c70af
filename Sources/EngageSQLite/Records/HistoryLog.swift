import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// A history table (of events, workshops, pilot initiatives, registrations and side-event
/// applications): the same columns, keyed by the subject's own column so each keeps its foreign key.
struct HistoryLog: Sendable {
    let table: String
    let subjectColumn: String

    static let events = HistoryLog(table: "event_history", subjectColumn: "event_id")
    static let workshops = HistoryLog(table: "workshop_history", subjectColumn: "workshop_id")
    static let pilotInitiatives = HistoryLog(table: "pilot_initiative_history", subjectColumn: "pilot_initiative_id")
    static let registrations = HistoryLog(table: "event_registration_history", subjectColumn: "registration_id")
    static let applications = HistoryLog(table: "side_event_application_history", subjectColumn: "application_id")

    /// The DDL of the table: one shape for every history, each with its own foreign key.
    /// Used by the named migrations; changing it would change what a migration creates, so never edit it: add a migration.
    func createTableSQL(references subjectTable: String, index: String) -> String {
        """
        CREATE TABLE \(table) (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            \(subjectColumn) TEXT NOT NULL REFERENCES \(subjectTable)(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT,
            reason TEXT,
            changed_fields TEXT NOT NULL DEFAULT '[]',
            previous_starts_on TEXT,
            previous_ends_on TEXT,
            starts_on TEXT,
            ends_on TEXT,
            actor TEXT NOT NULL,
            at DATETIME NOT NULL
        );
        CREATE INDEX \(index) ON \(table)(\(subjectColumn), seq);
        """
    }

    /// Appends an entry (in the caller's transaction).
    func append(_ entry: HistoryEntry, in db: Database) throws {
        try db.executeCached("""
            INSERT INTO \(table) (id, \(subjectColumn), action, from_status, to_status, reason, changed_fields,
                previous_starts_on, previous_ends_on, starts_on, ends_on, stakeholder_id, actor, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entry.id.rawValue, entry.subjectID, entry.action.rawValue, entry.fromStatus, entry.toStatus, entry.reason,
                JSONText.encode(entry.changedFields), entry.previousDates?.startsOn.description, entry.previousDates?.endsOn.description,
                entry.dates?.startsOn.description, entry.dates?.endsOn.description, entry.stakeholderID?.rawValue, entry.actor, StoredDate(entry.at),
            ])
    }

    /// One page of a subject's history, oldest first.
    func page(of subject: String, _ page: PageRequest, in db: Database) throws -> Page<HistoryEntry> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM \(table) WHERE \(subjectColumn) = ? AND seq > ? ORDER BY seq LIMIT \(page.limit + 1)
            """, arguments: [subject, page.after?.sequence ?? 0])
        let visible = rows.prefix(page.limit)
        let next = rows.count > page.limit ? visible.last.map { PageCursor(sequence: $0["seq"]) } : nil
        return Page(items: try visible.map(entry), next: next)
    }

    private func entry(_ row: Row) throws -> HistoryEntry {
        guard let action = HistoryEntry.Action(rawValue: row["action"]) else { throw StorageError.corruptRow(table: table, id: row["id"]) }
        return HistoryEntry(
            id: HistoryEntryID(unchecked: row["id"]), subjectID: row[subjectColumn], action: action, fromStatus: row["from_status"],
            toStatus: row["to_status"], reason: row["reason"], changedFields: JSONText.decode([String].self, row["changed_fields"]) ?? [],
            previousDates: DateRange(iso: row["previous_starts_on"], row["previous_ends_on"]), dates: DateRange(iso: row["starts_on"], row["ends_on"]),
            stakeholderID: (row["stakeholder_id"] as String?).map(StakeholderID.init(unchecked:)), actor: row["actor"], at: row["at"])
    }
}
