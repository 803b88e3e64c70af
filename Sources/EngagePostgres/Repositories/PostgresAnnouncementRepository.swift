import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `AnnouncementRepository`. Instances publishing at once each take
/// due rows `FOR NO KEY UPDATE SKIP LOCKED`, so an announcement is published (and sent) once.
struct PostgresAnnouncementRepository: AnnouncementRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func create(_ announcement: Announcement, now: Date) async throws -> Announcement {
        try await database.write { db in
            try await Self.checkLinks(of: announcement, in: db)
            try await AnnouncementRecord(announcement, seq: nil).insert(in: db)
            return announcement.publishAt <= now ? try await publish(announcement, now: now, in: db) : announcement
        }
    }

    func update(_ id: AnnouncementID, with input: AnnouncementInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Announcement {
        try await database.write { db in
            let current = try await Self.load(id, expecting: expectedVersion, in: db)
            let changed = try current.applying(input, now: now)
            try await Self.checkLinks(of: changed, in: db)
            try await AnnouncementRecord(changed, seq: nil).update(in: db)
            switch current.status {
            case .published:
                guard changed.corrects(current) else { return changed }
                // A correction goes to the audience as it is now.
                let audience = try await Self.audience(of: changed, in: db)
                try await PostgresOutbox.enqueue(
                    ChangeNotification(type: .announcementCorrected, data: renderer.render(changed), concerns: audience), now: now, in: db)
                return changed
            case .scheduled where changed.publishAt <= now: return try await publish(changed, now: now, in: db)
            default: return changed
            }
        }
    }

    func withdraw(_ id: AnnouncementID, expectedVersion: Int?, now: Date) async throws -> Announcement {
        try await database.write { db in
            let withdrawn = try await Self.load(id, expecting: expectedVersion, in: db).withdrawn(now: now)
            try await AnnouncementRecord(withdrawn, seq: nil).update(in: db)
            return withdrawn
        }
    }

    func publishDue(now: Date, limit: Int) async throws -> [Announcement] {
        var published: [Announcement] = []
        // Each in its own transaction with its notifications: one that fails leaves the others published.
        while published.count < limit, let next = try await database.write({ db -> Announcement? in
            guard let record = try await AnnouncementRecord.fetchOne("""
                SELECT * FROM announcement WHERE status = 'scheduled' AND publish_at <= \(bind: now)
                ORDER BY publish_at, seq LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED
                """, in: db) else { return nil }
            return try await publish(try record.model(), now: now, in: db)
        }) {
            published.append(next)
        }
        return published
    }

    // MARK: Reads

    func find(_ id: AnnouncementID) async throws -> Announcement? {
        try await database.read { db in try await AnnouncementRecord.find(id.rawValue, in: db)?.model() }
    }

    func list(_ filter: AnnouncementFilter, page: PageRequest) async throws -> Page<Announcement> {
        try await database.read { db in
            var condition: SQLQueryString = "TRUE"
            if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
            if let event = filter.eventID { condition.appendInterpolation(unsafeRaw: " AND event_id = "); condition.appendInterpolation(bind: event.rawValue) }
            if !filter.languages.isEmpty {
                // `languages` is stored as ",en,fr,": any of the asked languages between commas.
                condition += " AND EXISTS (SELECT 1 FROM unnest(\(bind: filter.languages.map { ",\($0.rawValue)," })) l WHERE strpos(languages, l) > 0)"
            }
            if let from = filter.from { condition.appendInterpolation(unsafeRaw: " AND published_at >= "); condition.appendInterpolation(bind: from) }
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            let (records, next) = try await AnnouncementRecord.page(where: condition, order: filter.order, page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func latest(limit: Int) async throws -> [Announcement] {
        try await database.read { db in
            try await AnnouncementRecord.fetchAll("""
                SELECT * FROM announcement WHERE status = 'published' ORDER BY published_at DESC, seq DESC LIMIT \(literal: limit)
                """, in: db).map { try $0.model() }
        }
    }

    // MARK: Helpers

    /// Publishes in the caller's transaction: the row, and the notification to every organisation of its audience.
    private func publish(_ announcement: Announcement, now: Date, in db: any SQLDatabase) async throws -> Announcement {
        let audience = try await Self.audience(of: announcement, in: db)
        let published = announcement.published(now: now, recipients: audience.count)
        try await AnnouncementRecord(published, seq: nil).update(in: db)
        try await PostgresOutbox.enqueue(
            ChangeNotification(type: .announcementPublished, data: renderer.render(published), concerns: audience), now: now, in: db)
        return published
    }

    /// The organisations an announcement goes to, as of now.
    static func audience(of announcement: Announcement, in db: any SQLDatabase) async throws -> [StakeholderID] {
        let query: SQLQueryString
        switch announcement.audience {
        case .approvedStakeholders:
            query = "SELECT id FROM stakeholder WHERE status = 'approved' ORDER BY seq"
        case .eventRegistrants(let event):
            query = """
                SELECT DISTINCT r.stakeholder_id AS id FROM event_registration r
                WHERE r.event_id = \(bind: event.rawValue) AND r.status IN ('pending', 'approved') ORDER BY 1
                """
        case .workshopEnrolled(let workshop):
            query = """
                SELECT DISTINCT stakeholder_id AS id FROM workshop_enrolment
                WHERE workshop_id = \(bind: workshop.rawValue) AND status IN ('confirmed', 'waitlisted') ORDER BY 1
                """
        case .pilotParticipants(let initiative):
            query = "SELECT stakeholder_id AS id FROM pilot_initiative_participant WHERE pilot_initiative_id = \(bind: initiative.rawValue) ORDER BY 1"
        case .stakeholders(let regions, let countries, let kinds, let topics):
            query = """
                SELECT id FROM stakeholder WHERE status = 'approved'
                AND (cardinality(\(bind: regions.map(\.rawValue))::text[]) = 0 OR region = ANY(\(bind: regions.map(\.rawValue))))
                AND (cardinality(\(bind: countries)::text[]) = 0 OR country = ANY(\(bind: countries)))
                AND (cardinality(\(bind: kinds.map(\.rawValue))::text[]) = 0 OR kind = ANY(\(bind: kinds.map(\.rawValue))))
                AND (cardinality(\(bind: topics.map(\.rawValue))::text[]) = 0 OR EXISTS (
                    SELECT 1 FROM stakeholder_topic t WHERE t.stakeholder_id = stakeholder.id AND t.topic = ANY(\(bind: topics.map(\.rawValue)))))
                ORDER BY seq
                """
        }
        return try await db.raw(query).all().map { StakeholderID(unchecked: try $0.decode(column: "id", as: String.self)) }
    }

    /// Every event, workshop, resource and pilot initiative it names exists; 422 naming each that does not.
    private static func checkLinks(of announcement: Announcement, in db: any SQLDatabase) async throws {
        var missing: [FieldError] = []
        for reference in announcement.references {
            let found = try await db.raw("SELECT EXISTS (SELECT 1 FROM \(ident: reference.resource) WHERE id = \(bind: reference.id)) AS found")
                .first()?.decode(column: "found", as: Bool.self) ?? false
            if !found { missing.append(FieldError(field: reference.field, message: "names no existing \(reference.resource.replacingOccurrences(of: "_", with: " "))")) }
        }
        if !missing.isEmpty { throw DomainError.validation(missing) }
    }

    private static func load(_ id: AnnouncementID, expecting version: Int?, in db: any SQLDatabase) async throws -> Announcement {
        guard let announcement = try await AnnouncementRecord.find(id.rawValue, lock: true, in: db)?.model() else {
            throw DomainError.notFound(resource: "announcement", id: id.rawValue)
        }
        if let version, version != announcement.version { throw DomainError.preconditionFailed }
        return announcement
    }
}
