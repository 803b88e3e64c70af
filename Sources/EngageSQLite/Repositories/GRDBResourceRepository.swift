import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `ResourceRepository`.
public struct GRDBResourceRepository: ResourceRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    public func create(_ input: ResourceInput, now: Date) async throws -> Resource {
        try await writer.write { db in
            var resource = Resource(kind: .other, title: LocalizedText([:]), url: LocalizedText([:]), createdAt: now, updatedAt: now)
            try input.apply(to: &resource)
            try ResourceRecord(resource, seq: nil).insert(db)
            try Self.saveLinks(of: resource, in: db)
            try Outbox.enqueue(ChangeNotification(type: .resourcePublished, data: renderer.render(resource), concerns: []), now: now, in: db)
            return resource
        }
    }

    public func find(_ id: ResourceID) async throws -> Resource? {
        try await writer.readStatement { db in try ResourceRecord.filter(Column("id") == id.rawValue).fetchOne(db)?.model() }
    }

    public func list(_ filter: ResourceFilter, page: PageRequest) async throws -> Page<Resource> {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            let search = filter.query.flatMap(StakeholderQuery.ftsQuery)
            if filter.query != nil, search == nil { return Page(items: [], next: nil) }
            // Ranked by relevance, or a keyset on the order (`ListOrder.effective`).
            let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.createdAt))
            let ranked = order.field == .relevance
            let keyset = SortKeyset(order, alias: "r")
            var sql = "SELECT r.*" + (ranked ? "" : keyset.keySelection)
            if let search {
                sql += ", resource_fts.rank AS score FROM resource r JOIN resource_fts ON resource_fts.rowid = r.seq"
                conditions.append("resource_fts MATCH ?")
                arguments.append(search)
            } else {
                sql += " FROM resource r"
            }
            if let kinds = AnyOfCondition("r.kind", filter.kinds.map(\.rawValue)) {
                conditions.append(kinds.sql)
                arguments += kinds.arguments
            }
            if let since = filter.updatedSince { conditions.append("r.updated_at >= ?"); arguments.append(since) }
            if let topics = AnyOfCondition("t.topic", filter.topics.map(\.rawValue)) {
                conditions.append("EXISTS (SELECT 1 FROM resource_topic t WHERE t.resource_id = r.id AND \(topics.sql))")
                arguments += topics.arguments
            }
            if let language = filter.language {
                conditions.append("EXISTS (SELECT 1 FROM resource_language l WHERE l.resource_id = r.id AND l.language = ?)")
                arguments.append(language)
            }
            if let after = page.after {
                let condition: (sql: String, arguments: [any DatabaseValueConvertible])
                if ranked, let rank = after.rank {
                    condition = ("(resource_fts.rank > ? OR (resource_fts.rank = ? AND r.seq > ?))", [rank, rank, after.sequence])
                } else {
                    condition = ranked ? ("r.seq > ?", [after.sequence]) : keyset.condition(after: after)
                }
                conditions.append(condition.sql)
                arguments += condition.arguments
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += (ranked ? " ORDER BY score, r.seq" : " ORDER BY \(keyset.orderBy)") + " LIMIT \(page.limit + 1)"
            let rows = try Row.decodeAll(db, sql: sql, arguments: StatementArguments(arguments)) { row in
                (record: try ResourceRecord(row: row),
                 cursor: ranked ? PageCursor(sequence: row["seq"], rank: row["score"]) : keyset.cursor(of: row, sequence: row["seq"]))
            }
            let visible = rows.prefix(page.limit)
            return Page(items: try visible.map { try $0.record.model() }, next: rows.count > page.limit ? visible.last?.cursor : nil)
        }
    }

    public func update(_ id: ResourceID, with input: ResourceInput, expectedVersion: Int?, now: Date) async throws -> Resource {
        try await writer.write { db in
            let record = try Self.load(id, in: db)
            let current = try record.model()
            if let expectedVersion, expectedVersion != current.version { throw DomainError.preconditionFailed }
            var updated = current
            try input.apply(to: &updated)
            guard updated != current else { return current }
            updated.updatedAt = now
            updated.version += 1
            try ResourceRecord(updated, seq: record.seq).update(db)
            try Self.saveLinks(of: updated, in: db)
            try Outbox.enqueue(ChangeNotification(type: .resourceUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            return updated
        }
    }

    public func delete(_ id: ResourceID, now: Date) async throws {
        try await writer.write { db in
            let resource = try Self.load(id, in: db).model()
            try db.execute(sql: "DELETE FROM resource WHERE id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM contact_point_link WHERE target_kind = 'resource' AND target_id = ?", arguments: [id.rawValue])
            try Outbox.enqueue(ChangeNotification(type: .resourceDeleted, data: renderer.render(resource), concerns: []), now: now, in: db)
        }
    }

    private static func load(_ id: ResourceID, in db: Database) throws -> ResourceRecord {
        guard let record = try ResourceRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
            throw DomainError.notFound(resource: "resource", id: id.rawValue)
        }
        return record
    }

    private static func saveLinks(of resource: Resource, in db: Database) throws {
        let id = resource.id.rawValue
        try db.execute(sql: "DELETE FROM resource_topic WHERE resource_id = ?", arguments: [id])
        for topic in resource.topics {
            try db.execute(sql: "INSERT INTO resource_topic (resource_id, topic) VALUES (?, ?)", arguments: [id, topic.rawValue])
        }
        try db.execute(sql: "DELETE FROM resource_language WHERE resource_id = ?", arguments: [id])
        for language in resource.languages {
            try db.execute(sql: "INSERT INTO resource_language (resource_id, language) VALUES (?, ?)", arguments: [id, language])
        }
    }
}
