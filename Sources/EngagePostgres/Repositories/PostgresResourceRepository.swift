import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `ResourceRepository`.
struct PostgresResourceRepository: ResourceRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func create(_ input: ResourceInput, now: Date) async throws -> Resource {
        try await database.write { db in
            var resource = Resource(kind: .other, title: LocalizedText([:]), url: LocalizedText([:]), createdAt: now, updatedAt: now)
            try input.apply(to: &resource)
            try await ResourceRecord(resource, seq: nil).insert(in: db)
            try await Self.saveLinks(of: resource, in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .resourcePublished, data: renderer.render(resource), concerns: []), now: now, in: db)
            return resource
        }
    }

    func update(_ id: ResourceID, with input: ResourceInput, expectedVersion: Int?, now: Date) async throws -> Resource {
        try await database.write { db in
            let record = try await Self.load(id, in: db)
            let current = try record.model()
            if let expectedVersion, expectedVersion != current.version { throw DomainError.preconditionFailed }
            var updated = current
            try input.apply(to: &updated)
            guard updated != current else { return current }
            updated.updatedAt = now
            updated.version += 1
            try await ResourceRecord(updated, seq: record.seq).update(in: db)
            try await Self.saveLinks(of: updated, in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .resourceUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            return updated
        }
    }

    func delete(_ id: ResourceID, now: Date) async throws {
        try await database.write { db in
            // Locked, so the payload is the resource as it was when it went (its topic and language rows cascade).
            let resource = try await Self.load(id, in: db).model()
            try await db.raw("DELETE FROM resource WHERE id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM contact_point_link WHERE target_kind = 'resource' AND target_id = \(bind: id.rawValue)").run()
            try await PostgresOutbox.enqueue(ChangeNotification(type: .resourceDeleted, data: renderer.render(resource), concerns: []), now: now, in: db)
        }
    }

    // MARK: Reads

    func find(_ id: ResourceID) async throws -> Resource? {
        try await database.read { db in try await ResourceRecord.find(id.rawValue, in: db)?.model() }
    }

    /// Ranked by `PostgresSearch.score` and paged by (score, seq) with a query, by seq without: the
    /// same order and cursors as the SQLite store.
    func list(_ filter: ResourceFilter, page: PageRequest) async throws -> Page<Resource> {
        try await database.read { db in
            let search = filter.query.flatMap(PostgresSearch.tsquery)
            // A query without a single searchable word matches nothing.
            if filter.query != nil, search == nil { return Page(items: [], next: nil) }
            // Ranked by relevance, or a keyset on the order (`ListOrder.effective`).
            let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.createdAt))
            let ranked = order.field == .relevance
            let keyset = PostgresSortKeyset(order, alias: "r")
            var conditions: [SQLQueryString] = []
            var query: SQLQueryString
            if let search, ranked {
                // The score is computed once per row, in a lateral subquery, for the cursor condition and the order.
                let score = PostgresSearch.score("r", search, weights: PostgresSearch.resourceWeights)
                query = "SELECT r.*, ranked.score FROM resource r CROSS JOIN LATERAL (SELECT \(score) AS score) ranked"
                conditions.append(PostgresSearch.matches("r", search))
            } else {
                query = "SELECT r.*\(keyset.keySelection) FROM resource r"
                if let search { conditions.append(PostgresSearch.matches("r", search)) }
            }
            if !filter.kinds.isEmpty { conditions.append(PostgresFragments.oneOf("r.kind", filter.kinds.map(\.rawValue))) }
            if let since = filter.updatedSince { conditions.append("r.updated_at >= \(bind: since)") }
            if !filter.topics.isEmpty {
                conditions.append("EXISTS (SELECT 1 FROM resource_topic t WHERE t.resource_id = r.id AND \(PostgresFragments.oneOf("t.topic", filter.topics.map(\.rawValue))))")
            }
            if let language = filter.language {
                conditions.append("EXISTS (SELECT 1 FROM resource_language l WHERE l.resource_id = r.id AND l.language = \(bind: language))")
            }
            if let after = page.after {
                if ranked, let rank = after.rank {
                    conditions.append("(ranked.score > \(bind: rank) OR (ranked.score = \(bind: rank) AND r.seq > \(bind: after.sequence)))")
                } else {
                    conditions.append(ranked ? "r.seq > \(bind: after.sequence)" : keyset.condition(after: after))
                }
            }
            for (index, condition) in conditions.enumerated() {
                query.appendLiteral(index == 0 ? " WHERE " : " AND ")
                query.appendInterpolation(condition)
            }
            query.appendInterpolation(ranked ? " ORDER BY ranked.score, r.seq" : " ORDER BY \(keyset.orderBy)" as SQLQueryString)
            query.appendLiteral(" LIMIT ")
            query.appendInterpolation(literal: page.limit + 1)
            let rows = try await db.raw(query).all()
            let visible = rows.prefix(page.limit)
            let next = try rows.count > page.limit ? visible.last.map { row in
                let sequence = try row.decode(column: "seq", as: Int64.self)
                return ranked ? PageCursor(sequence: sequence, rank: try row.decode(column: "score", as: Double.self)) : try keyset.cursor(of: row, sequence: sequence)
            } : nil
            return Page(items: try visible.map { try ResourceRecord.decode($0).model() }, next: next)
        }
    }

    // MARK: Helpers

    /// The resource, locked `FOR NO KEY UPDATE` until the transaction ends.
    private static func load(_ id: ResourceID, in db: any SQLDatabase) async throws -> ResourceRecord {
        guard let record = try await ResourceRecord.find(id.rawValue, lock: true, in: db) else {
            throw DomainError.notFound(resource: "resource", id: id.rawValue)
        }
        return record
    }

    /// Replaces the resource's topic and language filter rows with those of the model.
    private static func saveLinks(of resource: Resource, in db: any SQLDatabase) async throws {
        let id = resource.id.rawValue
        try await db.raw("DELETE FROM resource_topic WHERE resource_id = \(bind: id)").run()
        for topic in resource.topics {
            try await db.raw("INSERT INTO resource_topic (resource_id, topic) VALUES (\(bind: id), \(bind: topic.rawValue))").run()
        }
        try await db.raw("DELETE FROM resource_language WHERE resource_id = \(bind: id)").run()
        for language in resource.languages {
            try await db.raw("INSERT INTO resource_language (resource_id, language) VALUES (\(bind: id), \(bind: language))").run()
        }
    }
}
