import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `WindowNoticeRepository`: instances telling windows at once each take
/// the event `FOR NO KEY UPDATE SKIP LOCKED`, and the notice's primary key makes a window told once.
struct PostgresWindowNoticeRepository: WindowNoticeRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    func announceOpenedWindows(now: Date) async throws -> Int {
        var told = 0
        for window in EventWindow.allCases {
            while try await database.write({ db in try await tellOne(window, now: now, in: db) }) { told += 1 }
        }
        return told
    }

    /// Tells the next untold open window of this kind, with its notice, in one transaction; false when none is left.
    private func tellOne(_ window: EventWindow, now: Date, in db: any SQLDatabase) async throws -> Bool {
        let prefix = window.columnPrefix
        guard let record = try await EventRecord.fetchOne("""
            SELECT * FROM event e
            WHERE \(unsafeRaw: window.openStatuses) AND e.\(unsafeRaw: prefix)_opens_at <= \(bind: now) AND e.\(unsafeRaw: prefix)_closes_at > \(bind: now)
              AND NOT EXISTS (SELECT 1 FROM event_window_notice n
                              WHERE n.event_id = e.id AND n.window_kind = \(bind: window.rawValue) AND n.opens_at = e.\(unsafeRaw: prefix)_opens_at)
            ORDER BY e.\(unsafeRaw: prefix)_opens_at, e.seq LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED
            """, in: db) else { return false }
        let event = try record.model()
        guard let opensAt = window == .registration ? record.registrationOpensAt : record.applicationsOpensAt else { return false }
        try await db.raw("""
            INSERT INTO event_window_notice (event_id, window_kind, opens_at, told_at)
            VALUES (\(bind: event.id.rawValue), \(bind: window.rawValue), \(bind: opensAt), \(bind: now))
            """).run()
        let parent = event.parentEventID?.rawValue
        let audience = try await db.raw("""
            SELECT s.id FROM stakeholder s
            WHERE s.status = 'approved' AND (
                EXISTS (SELECT 1 FROM event_registration r JOIN event p ON p.id = r.event_id
                        WHERE r.stakeholder_id = s.id AND p.id <> \(bind: event.id.rawValue)
                          AND (p.id = \(bind: parent) OR p.kind = \(bind: event.kind.rawValue)))
                OR EXISTS (SELECT 1 FROM side_event_application a JOIN event p ON p.id = a.event_id
                           WHERE a.stakeholder_id = s.id AND p.id <> \(bind: event.id.rawValue)
                             AND (p.id = \(bind: parent) OR p.kind = \(bind: event.kind.rawValue))))
            ORDER BY s.seq
            """).all().map { StakeholderID(unchecked: try $0.decode(column: "id", as: String.self)) }
        try await PostgresOutbox.enqueue(ChangeNotification(type: window.notification, data: renderer.render(event), concerns: audience), now: now, in: db)
        return true
    }
}
