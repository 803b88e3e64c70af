import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `WindowNoticeRepository`.
public struct GRDBWindowNoticeRepository: WindowNoticeRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    public func announceOpenedWindows(now: Date) async throws -> Int {
        var told = 0
        for window in EventWindow.allCases {
            while try await writer.write({ db in try tellOne(window, now: now, in: db) }) { told += 1 }
        }
        return told
    }

    /// Tells the next untold open window of this kind, with its notice, in one transaction; false when none is left.
    private func tellOne(_ window: EventWindow, now: Date, in db: Database) throws -> Bool {
        let prefix = window.columnPrefix
        guard let record = try EventRecord.fetchOne(db, sql: """
            SELECT * FROM event e
            WHERE \(window.openStatuses) AND e.\(prefix)_opens_at <= ? AND e.\(prefix)_closes_at > ?
              AND NOT EXISTS (SELECT 1 FROM event_window_notice n WHERE n.event_id = e.id AND n.window_kind = ? AND n.opens_at = e.\(prefix)_opens_at)
            ORDER BY e.\(prefix)_opens_at, e.seq LIMIT 1
            """, arguments: [now, now, window.rawValue]) else { return false }
        let event = try record.model()
        guard let opensAt = window == .registration ? record.registrationOpensAt : record.applicationsOpensAt else { return false }
        try db.execute(sql: "INSERT INTO event_window_notice (event_id, window_kind, opens_at, told_at) VALUES (?, ?, ?, ?)",
                       arguments: [event.id.rawValue, window.rawValue, opensAt, now])
        let audience = try String.fetchAll(db, sql: """
            SELECT s.id FROM stakeholder s
            WHERE s.status = 'approved' AND (
                EXISTS (SELECT 1 FROM event_registration r JOIN event p ON p.id = r.event_id
                        WHERE r.stakeholder_id = s.id AND p.id <> ? AND (p.id = ? OR p.kind = ?))
                OR EXISTS (SELECT 1 FROM side_event_application a JOIN event p ON p.id = a.event_id
                           WHERE a.stakeholder_id = s.id AND p.id <> ? AND (p.id = ? OR p.kind = ?)))
            ORDER BY s.seq
            """, arguments: [event.id.rawValue, event.parentEventID?.rawValue, event.kind.rawValue,
                             event.id.rawValue, event.parentEventID?.rawValue, event.kind.rawValue])
        try Outbox.enqueue(ChangeNotification(type: window.notification, data: renderer.render(event), concerns: audience.map(StakeholderID.init(unchecked:))),
                           now: now, in: db)
        return true
    }
}
