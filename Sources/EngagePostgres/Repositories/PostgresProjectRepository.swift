import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `ProjectRepository`.
struct PostgresProjectRepository: ProjectRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func create(_ input: ProjectInput, now: Date) async throws -> Project {
        try await database.write { db in
            var project = Project(title: LocalizedText([:]), createdAt: now, updatedAt: now)
            try input.apply(to: &project)
            try await Self.checkCode(of: project, in: db)
            try await ProjectRecord(project, seq: nil).insert(in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .projectCreated, data: renderer.render(project), concerns: []), now: now, in: db)
            return project
        }
    }

    func update(_ id: ProjectID, with input: ProjectInput, expectedVersion: Int?, now: Date) async throws -> Project {
        try await database.write { db in
            guard let record = try await ProjectRecord.find(id.rawValue, lock: true, in: db) else {
                throw DomainError.notFound(resource: "project", id: id.rawValue)
            }
            let current = record.model()
            if let expectedVersion, expectedVersion != current.version { throw DomainError.preconditionFailed }
            var updated = current
            try input.apply(to: &updated)
            guard updated != current else { return current }
            try await Self.checkCode(of: updated, in: db)
            updated.updatedAt = now
            updated.version += 1
            try await ProjectRecord(updated, seq: record.seq).update(in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .projectUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            return updated
        }
    }

    // MARK: Reads

    func find(_ id: ProjectID) async throws -> (Project, ProjectCounts)? {
        try await database.read { db in
            // One statement, so the project and its counts are one snapshot.
            guard let row = try await db.raw("""
                SELECT p.*,
                    (SELECT count(*) FROM event WHERE project_id = p.id) AS event_count,
                    (SELECT count(*) FROM workshop WHERE project_id = p.id) AS workshop_count,
                    (SELECT count(*) FROM pilot_initiative WHERE project_id = p.id) AS pilot_initiative_count
                FROM project p WHERE p.id = \(bind: id.rawValue)
                """).first() else { return nil }
            let counts = ProjectCounts(
                events: try row.decode(column: "event_count", as: Int.self),
                workshops: try row.decode(column: "workshop_count", as: Int.self),
                pilotInitiatives: try row.decode(column: "pilot_initiative_count", as: Int.self))
            return (try ProjectRecord.decode(row).model(), counts)
        }
    }

    func list(_ filter: ProjectFilter, page: PageRequest) async throws -> Page<Project> {
        try await database.read { db in
            var condition: SQLQueryString = "TRUE"
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            guard filter.needsText else {
                let (records, next) = try await ProjectRecord.page(where: condition, order: filter.order, page, in: db)
                return Page(items: records.map { $0.model() }, next: next)
            }
            let rows = try await ProjectRecord.ordered(where: condition, after: page.after, order: filter.order, limit: nil, in: db)
                .map { (project: $0.record.model(), cursor: $0.cursor) }
            return ProjectFilter.page(rows, filter, limit: page.limit)
        }
    }

    // MARK: Helpers

    /// Codes are unique: a second project with one is a conflict naming the first.
    ///
    /// The code is taken under a transaction-scoped advisory lock first, so two instances giving
    /// the same new code to two projects at once are serialized: the second sees the first's row
    /// (and answers the duplicate) instead of failing on the unique index.
    private static func checkCode(of project: Project, in db: any SQLDatabase) async throws {
        guard let code = project.code else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: "project.code:" + code), 0))").run()
        guard let existing = try await db.raw("SELECT id FROM project WHERE code = \(bind: code) AND id <> \(bind: project.id.rawValue)")
            .first()?.decode(column: "id", as: String.self) else { return }
        throw DomainError.duplicate("another project has the code \(code)", existingID: existing)
    }

    /// Field errors for references to projects that do not exist (projects are never deleted, so
    /// the answer holds for the rest of the caller's transaction).
    static func referenceErrors(_ id: ProjectID?, field: String = "project_id", in db: any SQLDatabase) async throws -> [FieldError] {
        guard let id else { return [] }
        let exists = try await db.raw("SELECT EXISTS (SELECT 1 FROM project WHERE id = \(bind: id.rawValue)) AS found").first()?
            .decode(column: "found", as: Bool.self) ?? false
        return exists ? [] : [FieldError(field: field, message: "no project \(id)")]
    }
}
