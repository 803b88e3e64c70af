import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `APIKeyRepository`.
public struct GRDBAPIKeyRepository: APIKeyRepository {
    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    // MARK: Writes

    public func create(name: String, role: Role, secretHash: String, hint: String, createdBy: String, now: Date) async throws -> APIKey {
        try await writer.write { db in
            let record = APIKeyRecord(
                id: APIKeyID.generate().rawValue, name: name, role: role.rawValue, secretHash: secretHash,
                hint: hint, createdAt: now, createdBy: createdBy, revokedAt: nil
            )
            try record.insert(db)
            return try record.model()
        }
    }

    public func ensure(name: String, role: Role, secretHash: String, hint: String, now: Date) async throws -> APIKeyEnsureOutcome {
        try await writer.write { db in
            if var existing = try APIKeyRecord.filter(Column("secret_hash") == secretHash).fetchOne(db) {
                // The configured key is authoritative: it gets the configured role, and is reinstated if revoked.
                let wasRevoked = existing.revokedAt != nil
                existing.revokedAt = nil
                existing.role = role.rawValue
                try existing.update(db)
                return wasRevoked ? .reinstated : .unchanged
            }
            try APIKeyRecord(
                id: APIKeyID.generate().rawValue, name: name, role: role.rawValue, secretHash: secretHash,
                hint: hint, createdAt: now, createdBy: "configuration", revokedAt: nil
            ).insert(db)
            return .created
        }
    }

    public func revoke(_ id: APIKeyID, now: Date) async throws -> APIKey {
        try await writer.write { db in
            guard var record = try APIKeyRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
                throw DomainError.notFound(resource: "api key", id: id.rawValue)
            }
            if record.revokedAt == nil, record.role == Role.admin.rawValue {
                let otherAdmins = try APIKeyRecord
                    .filter(Column("role") == Role.admin.rawValue && Column("revoked_at") == nil && Column("id") != id.rawValue)
                    .fetchCount(db)
                if otherAdmins == 0 { throw DomainError.conflict("\(id) is the last active admin key; issue another admin key first") }
            }
            if record.revokedAt == nil {
                record.revokedAt = now
                try record.update(db)
            }
            return try record.model()
        }
    }

    // MARK: Reads

    public func hasActiveKey(role: Role) async throws -> Bool {
        try await writer.read { db in
            try APIKeyRecord.filter(Column("role") == role.rawValue && Column("revoked_at") == nil).fetchCount(db) > 0
        }
    }

    public func list(page: PageRequest) async throws -> Page<APIKey> {
        try await writer.read { db in
            let (records, next) = try APIKeyRecord.all().page(page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func find(_ id: APIKeyID) async throws -> APIKey? {
        try await writer.read { db in
            try APIKeyRecord.filter(Column("id") == id.rawValue).fetchOne(db)?.model()
        }
    }

    public func authenticate(secretHash: String) async throws -> (id: APIKeyID, role: Role)? {
        try await writer.readStatement { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, role FROM api_key WHERE secret_hash = ? AND revoked_at IS NULL"), arguments: [secretHash]
            ), let role = Role(rawValue: row["role"]) else { return nil }
            return (APIKeyID(unchecked: row["id"]), role)
        }
    }
}
