import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `ContactPointRepository`.
public struct GRDBContactPointRepository: ContactPointRepository {
    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    // MARK: Contact points

    public func create(_ input: ContactPointInput, now: Date) async throws -> ContactPoint {
        try await writer.write { db in
            var contactPoint = ContactPoint(name: "", email: "", createdAt: now, updatedAt: now)
            input.apply(to: &contactPoint)
            try ContactPointRecord(contactPoint, seq: nil).insert(db)
            return contactPoint
        }
    }

    public func find(_ id: ContactPointID) async throws -> ContactPoint? {
        try await writer.read { db in try ContactPointRecord.filter(Column("id") == id.rawValue).fetchOne(db)?.model() }
    }

    public func list(_ filter: RecordFilter, page: PageRequest) async throws -> Page<ContactPoint> {
        try await writer.read { db in
            var request = ContactPointRecord.all()
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            let (records, next) = try request.page(page, order: filter.order, in: db)
            return Page(items: records.map { $0.model() }, next: next)
        }
    }

    public func update(_ id: ContactPointID, with input: ContactPointInput, expectedVersion: Int?, now: Date) async throws -> ContactPoint {
        try await writer.write { db in
            guard let record = try ContactPointRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
                throw DomainError.notFound(resource: "contact point", id: id.rawValue)
            }
            guard let updated = try ContactPoints.updated(record.model(), with: input, expectedVersion: expectedVersion, now: now) else { return record.model() }
            try ContactPointRecord(updated, seq: record.seq).update(db)
            return updated
        }
    }

    // MARK: Naming

    public func named(by target: ContactTarget) async throws -> [ContactPoint] {
        try await writer.read { db in
            try Self.requireTarget(target, db)
            return try Self.named(by: target, db)
        }
    }

    public func name(_ ids: [ContactPointID], by target: ContactTarget) async throws -> [ContactPoint] {
        try await writer.write { db in
            try Self.requireTarget(target, db)
            let existing = try String.fetchAll(db, sql: "SELECT id FROM contact_point WHERE id IN (SELECT value FROM json_each(?))",
                                               arguments: [JSONText.encode(ids.map(\.rawValue))])
            let errors = ContactPoints.namingErrors(ids, existing: Set(existing.map(ContactPointID.init(unchecked:))))
            guard errors.isEmpty else { throw DomainError.validation(errors) }
            try db.execute(sql: "DELETE FROM contact_point_link WHERE target_kind = ? AND target_id = ?", arguments: [target.kind.rawValue, target.id])
            for (position, id) in ids.enumerated() {
                try db.execute(sql: "INSERT INTO contact_point_link (target_kind, target_id, contact_point_id, position) VALUES (?, ?, ?, ?)",
                               arguments: [target.kind.rawValue, target.id, id.rawValue, position])
            }
            return try Self.named(by: target, db)
        }
    }

    private static func requireTarget(_ target: ContactTarget, _ db: Database) throws {
        // The table name comes from the enumeration, never from the request.
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(target.kind.rawValue) WHERE id = ?)", arguments: [target.id]) == true else {
            throw DomainError.notFound(resource: target.kind.resource, id: target.id)
        }
    }

    private static func named(by target: ContactTarget, _ db: Database) throws -> [ContactPoint] {
        try ContactPointRecord.fetchAll(db, sql: """
            SELECT c.* FROM contact_point_link l JOIN contact_point c ON c.id = l.contact_point_id
            WHERE l.target_kind = ? AND l.target_id = ? ORDER BY l.position
            """, arguments: [target.kind.rawValue, target.id]).map { $0.model() }
    }
}
