import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `AnnouncementRepository`.
public struct GRDBAnnouncementRepository: AnnouncementRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Writes

    public func create(_ announcement: Announcement, now: Date) async throws -> Announcement {
        try await writer.write { db in
            try Self.checkLinks(of: announcement, in: db)
            let record = AnnouncementRecord(announcement, seq: nil)
            try record.insert(db)
            return announcement.publishAt <= now ? try publish(announcement, seq: db.lastInsertedRowID, now: now, in: db) : announcement
        }
    }

    public func update(_ id: AnnouncementID, with input: AnnouncementInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Announcement {
        try await writer.write { db in
            let (seq, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let changed = try current.applying(input, now: now)
            try Self.checkLinks(of: changed, in: db)
            try AnnouncementRecord(changed, seq: seq).update(db)
            switch current.status {
            case .published:
                guard changed.corrects(current) else { return changed }
                // A correction goes to the audience as it is now.
                let audience = try Self.audience(of: changed, in: db)
                try Outbox.enqueue(ChangeNotification(type: .announcementCorrected, data: renderer.render(changed), concerns: audience), now: now, in: db)
                return changed
            case .scheduled where changed.publishAt <= now: return try publish(changed, seq: seq, now: now, in: db)
            default: return changed
            }
        }
    }

    public func withdraw(_ id: AnnouncementID, expectedVersion: Int?, now: Date) async throws -> Announcement {
        try await writer.write { db in
            let (seq, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let withdrawn = try current.withdrawn(now: now)
            try AnnouncementRecord(withdrawn, seq: seq).update(db)
            return withdrawn
        }
    }

    public func publishDue(now: Date, limit: Int) async throws -> [Announcement] {
        var published: [Announcement] = []
        // Each in its own transaction with its notifications: one that fails leaves the others published.
        while published.count < limit, let next = try await writer.write({ db -> Announcement? in
            guard let record = try AnnouncementRecord.fetchOne(db, sql: """
                SELECT * FROM announcement WHERE status = 'scheduled' AND publish_at <= ? ORDER BY publish_at, seq LIMIT 1
                """, arguments: [now]) else { return nil }
            return try publish(try record.model(), seq: record.seq, now: now, in: db)
        }) {
            published.append(next)
        }
        return published
    }

    // MARK: Reads

    public func find(_ id: AnnouncementID) async throws -> Announcement? {
        try await writer.read { db in try AnnouncementRecord.filter(Column("id") == id.rawValue).fetchOne(db)?.model() }
    }

    public func list(_ filter: AnnouncementFilter, page: PageRequest) async throws -> Page<Announcement> {
        try await writer.read { db in
            var request = AnnouncementRecord.all()
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
            if let event = filter.eventID { request = request.filter(Column("event_id") == event.rawValue) }
            if !filter.languages.isEmpty {
                // `languages` is stored as ",en,fr,": any of the asked languages between commas.
                request = request.filter(filter.languages.map { Column("languages").like("%,\($0.rawValue),%") }.joined(operator: .or))
            }
            if let from = filter.from { request = request.filter(Column("published_at") >= from) }
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            let (records, next) = try request.page(page, order: filter.order, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func latest(limit: Int) async throws -> [Announcement] {
        try await writer.read { db in
            try AnnouncementRecord.fetchAll(db, sql: """
                SELECT * FROM announcement WHERE status = 'published' ORDER BY published_at DESC, seq DESC LIMIT ?
                """, arguments: [limit]).map { try $0.model() }
        }
    }

    // MARK: Helpers

    /// Publishes in the caller's transaction: the row, and the notification to every organisation of its audience.
    private func publish(_ announcement: Announcement, seq: Int64?, now: Date, in db: Database) throws -> Announcement {
        let audience = try Self.audience(of: announcement, in: db)
        let published = announcement.published(now: now, recipients: audience.count)
        try AnnouncementRecord(published, seq: seq).update(db)
        try Outbox.enqueue(ChangeNotification(type: .announcementPublished, data: renderer.render(published), concerns: audience), now: now, in: db)
        return published
    }

    /// The organisations an announcement goes to, as of now.
    static func audience(of announcement: Announcement, in db: Database) throws -> [StakeholderID] {
        let sql: String
        var arguments: [any DatabaseValueConvertible] = []
        switch announcement.audience {
        case .approvedStakeholders:
            sql = "SELECT id FROM stakeholder WHERE status = 'approved' ORDER BY seq"
        case .eventRegistrants(let event):
            sql = """
                SELECT DISTINCT s.id FROM stakeholder s JOIN event_registration r ON r.stakeholder_id = s.id
                WHERE r.event_id = ? AND r.status IN ('pending', 'approved') ORDER BY s.id
                """
            arguments = [event.rawValue]
        case .workshopEnrolled(let workshop):
            sql = """
                SELECT DISTINCT stakeholder_id FROM workshop_enrolment WHERE workshop_id = ? AND status IN ('confirmed', 'waitlisted')
                ORDER BY stakeholder_id
                """
            arguments = [workshop.rawValue]
        case .pilotParticipants(let initiative):
            sql = "SELECT stakeholder_id FROM pilot_initiative_participant WHERE pilot_initiative_id = ? ORDER BY stakeholder_id"
            arguments = [initiative.rawValue]
        case .stakeholders(let regions, let countries, let kinds, let topics):
            var conditions = ["status = 'approved'"]
            for (column, values) in [("region", regions.map(\.rawValue)), ("country", countries), ("kind", kinds.map(\.rawValue))] where !values.isEmpty {
                conditions.append("\(column) IN \(SQLList.placeholders(values.count))")
                arguments += values
            }
            if !topics.isEmpty {
                conditions.append("EXISTS (SELECT 1 FROM stakeholder_topic t WHERE t.stakeholder_id = stakeholder.id AND t.topic IN \(SQLList.placeholders(topics.count)))")
                arguments += topics.map(\.rawValue)
            }
            sql = "SELECT id FROM stakeholder WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq"
        }
        return try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(StakeholderID.init(unchecked:))
    }

    /// Every event, workshop, resource and pilot initiative it names exists; 422 naming each that does not.
    private static func checkLinks(of announcement: Announcement, in db: Database) throws {
        let missing = try announcement.references.filter { reference in
            try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(reference.resource) WHERE id = ?)", arguments: [reference.id]) ?? false)
        }
        if !missing.isEmpty {
            throw DomainError.validation(missing.map { FieldError(field: $0.field, message: "names no existing \($0.resource.replacingOccurrences(of: "_", with: " "))") })
        }
    }

    private static func load(_ id: AnnouncementID, expecting version: Int?, in db: Database) throws -> (Int64?, Announcement) {
        guard let record = try AnnouncementRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
            throw DomainError.notFound(resource: "announcement", id: id.rawValue)
        }
        let announcement = try record.model()
        if let version, version != announcement.version { throw DomainError.preconditionFailed }
        return (record.seq, announcement)
    }
}
