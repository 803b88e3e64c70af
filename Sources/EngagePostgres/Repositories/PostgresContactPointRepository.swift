import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `ContactPointRepository`.
struct PostgresContactPointRepository: ContactPointRepository {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    // MARK: Contact points

    func create(_ input: ContactPointInput, now: Date) async throws -> ContactPoint {
        try await database.write { db in
            var contactPoint = ContactPoint(name: "", email: "", createdAt: now, updatedAt: now)
            input.apply(to: &contactPoint)
            try await ContactPointRecord(contactPoint, seq: nil).insert(in: db)
            return contactPoint
        }
    }

    func find(_ id: ContactPointID) async throws -> ContactPoint? {
        try await database.read { db in try await ContactPointRecord.find(id.rawValue, in: db)?.model() }
    }

    func list(_ filter: RecordFilter, page: PageRequest) async throws -> Page<ContactPoint> {
        try await database.read { db in
            var condition: SQLQueryString = "TRUE"
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            let (records, next) = try await ContactPointRecord.page(where: condition, order: filter.order, page, in: db)
            return Page(items: records.map { $0.model() }, next: next)
        }
    }

    func update(_ id: ContactPointID, with input: ContactPointInput, expectedVersion: Int?, now: Date) async throws -> ContactPoint {
        try await database.write { db in
            guard let record = try await ContactPointRecord.find(id.rawValue, lock: true, in: db) else {
                throw DomainError.notFound(resource: "contact point", id: id.rawValue)
            }
            guard let updated = try ContactPoints.updated(record.model(), with: input, expectedVersion: expectedVersion, now: now) else { return record.model() }
            try await ContactPointRecord(updated, seq: record.seq).update(in: db)
            return updated
        }
    }

    // MARK: Naming

    func named(by target: ContactTarget) async throws -> [ContactPoint] {
        try await database.read { db in
            try await Self.requireTarget(target, lock: false, db)
            return try await Self.named(by: target, db)
        }
    }

    func name(_ ids: [ContactPointID], by target: ContactTarget) async throws -> [ContactPoint] {
        try await database.write { db in
            // The target's row is locked, so two instances replacing its list at once take turns.
            try await Self.requireTarget(target, lock: true, db)
            let existing = try await db.raw("SELECT id FROM contact_point WHERE id = ANY(\(bind: ids.map(\.rawValue)))").all()
                .map { ContactPointID(unchecked: try $0.decode(column: "id", as: String.self)) }
            let errors = ContactPoints.namingErrors(ids, existing: Set(existing))
            guard errors.isEmpty else { throw DomainError.validation(errors) }
            try await db.raw("DELETE FROM contact_point_link WHERE target_kind = \(bind: target.kind.rawValue) AND target_id = \(bind: target.id)").run()
            for (position, id) in ids.enumerated() {
                try await db.raw("""
                    INSERT INTO contact_point_link (target_kind, target_id, contact_point_id, position)
                    VALUES (\(bind: target.kind.rawValue), \(bind: target.id), \(bind: id.rawValue), \(bind: position))
                    """).run()
            }
            return try await Self.named(by: target, db)
        }
    }

    private static func requireTarget(_ target: ContactTarget, lock: Bool, _ db: any SQLDatabase) async throws {
        // The table name comes from the enumeration, never from the request.
        let found = try await db.raw("""
            SELECT 1 AS found FROM \(ident: target.kind.rawValue) WHERE id = \(bind: target.id)\(unsafeRaw: lock ? " FOR NO KEY UPDATE" : "")
            """).first()
        guard found != nil else { throw DomainError.notFound(resource: target.kind.resource, id: target.id) }
    }

    private static func named(by target: ContactTarget, _ db: any SQLDatabase) async throws -> [ContactPoint] {
        try await ContactPointRecord.fetchAll("""
            SELECT c.* FROM contact_point_link l JOIN contact_point c ON c.id = l.contact_point_id
            WHERE l.target_kind = \(bind: target.kind.rawValue) AND l.target_id = \(bind: target.id) ORDER BY l.position
            """, in: db).map { $0.model() }
    }
}
