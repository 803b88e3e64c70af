import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `ProjectRepository`.
public struct GRDBProjectRepository: ProjectRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    public func create(_ input: ProjectInput, now: Date) async throws -> Project {
        try await writer.write { db in
            var project = Project(title: LocalizedText([:]), createdAt: now, updatedAt: now)
            try input.apply(to: &project)
            try Self.checkCode(of: project, in: db)
            try ProjectRecord(project, seq: nil).insert(db)
            try Outbox.enqueue(ChangeNotification(type: .projectCreated, data: renderer.render(project), concerns: []), now: now, in: db)
            return project
        }
    }

    public func find(_ id: ProjectID) async throws -> (Project, ProjectCounts)? {
        try await writer.read { db in
            guard let record = try ProjectRecord.filter(Column("id") == id.rawValue).fetchOne(db) else { return nil }
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE project_id = ?", arguments: [id.rawValue]) ?? 0
            }
            return (record.model(), ProjectCounts(events: try count("event"), workshops: try count("workshop"), pilotInitiatives: try count("pilot_initiative")))
        }
    }

    public func list(_ filter: ProjectFilter, page: PageRequest) async throws -> Page<Project> {
        try await writer.read { db in
            var request = ProjectRecord.all()
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            guard filter.needsText else {
                let (records, next) = try request.page(page, order: filter.order, in: db)
                return Page(items: records.map { $0.model() }, next: next)
            }
            let rows = try request.ordered(after: page.after, order: filter.order, limit: nil, in: db).map { (project: $0.record.model(), cursor: $0.cursor) }
            return ProjectFilter.page(rows, filter, limit: page.limit)
        }
    }

    public func update(_ id: ProjectID, with input: ProjectInput, expectedVersion: Int?, now: Date) async throws -> Project {
        try await writer.write { db in
            guard let record = try ProjectRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
                throw DomainError.notFound(resource: "project", id: id.rawValue)
            }
            let current = record.model()
            if let expectedVersion, expectedVersion != current.version { throw DomainError.preconditionFailed }
            var updated = current
            try input.apply(to: &updated)
            guard updated != current else { return current }
            try Self.checkCode(of: updated, in: db)
            updated.updatedAt = now
            updated.version += 1
            try ProjectRecord(updated, seq: record.seq).update(db)
            try Outbox.enqueue(ChangeNotification(type: .projectUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            return updated
        }
    }

    /// Codes are unique: a second project with one is a conflict naming the first.
    private static func checkCode(of project: Project, in db: Database) throws {
        guard let code = project.code,
              let existing = try String.fetchOne(db, sql: "SELECT id FROM project WHERE code = ? AND id <> ?", arguments: [code, project.id.rawValue]) else { return }
        throw DomainError.duplicate("another project has the code \(code)", existingID: existing)
    }

    /// Field errors for references to projects that do not exist.
    static func referenceErrors(_ id: ProjectID?, field: String = "project_id", in db: Database) throws -> [FieldError] {
        guard let id else { return [] }
        let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM project WHERE id = ?)", arguments: [id.rawValue]) ?? false
        return exists ? [] : [FieldError(field: field, message: "no project \(id)")]
    }
}
