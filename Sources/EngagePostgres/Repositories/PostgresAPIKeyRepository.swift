import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `APIKeyRepository`.
struct PostgresAPIKeyRepository: APIKeyRepository {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    // MARK: Writes

    func create(name: String, role: Role, secretHash: String, hint: String, createdBy: String, now: Date) async throws -> APIKey {
        try await database.write { db in
            try await APIKeyRecord(
                id: APIKeyID.generate().rawValue, name: name, role: role.rawValue, secretHash: secretHash,
                hint: hint, createdAt: now, createdBy: createdBy, revokedAt: nil
            ).insert(in: db).model()
        }
    }

    func ensure(name: String, role: Role, secretHash: String, hint: String, now: Date) async throws -> APIKeyEnsureOutcome {
        try await database.write { db in
            if var existing = try await APIKeyRecord.fetchOne("SELECT * FROM api_key WHERE secret_hash = \(bind: secretHash) FOR NO KEY UPDATE", in: db) {
                // The configured key is authoritative: it gets the configured role, and is reinstated if revoked.
                let wasRevoked = existing.revokedAt != nil
                existing.revokedAt = nil
                existing.role = role.rawValue
                try await existing.update(in: db)
                return wasRevoked ? .reinstated : .unchanged
            }
            try await APIKeyRecord(
                id: APIKeyID.generate().rawValue, name: name, role: role.rawValue, secretHash: secretHash,
                hint: hint, createdAt: now, createdBy: "configuration", revokedAt: nil
            ).insert(in: db)
            return .created
        }
    }

    func revoke(_ id: APIKeyID, now: Date) async throws -> APIKey {
        try await database.write { db in
            // Every active admin key is locked, so two revocations cannot each leave the other as the last.
            let admins = try await APIKeyRecord.fetchAll(
                "SELECT * FROM api_key WHERE role = \(bind: Role.admin.rawValue) AND revoked_at IS NULL ORDER BY seq FOR NO KEY UPDATE", in: db)
            guard var record = try await APIKeyRecord.find(id.rawValue, lock: true, in: db) else {
                throw DomainError.notFound(resource: "api key", id: id.rawValue)
            }
            if record.revokedAt == nil, record.role == Role.admin.rawValue, !admins.contains(where: { $0.id != id.rawValue }) {
                throw DomainError.conflict("\(id) is the last active admin key; issue another admin key first")
            }
            if record.revokedAt == nil {
                record.revokedAt = now
                try await record.update(in: db)
            }
            return try record.model()
        }
    }

    // MARK: Reads

    func hasActiveKey(role: Role) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT count(*) AS n FROM api_key WHERE role = \(bind: role.rawValue) AND revoked_at IS NULL").first()?
                .decode(column: "n", as: Int.self) ?? 0 > 0
        }
    }

    func list(page: PageRequest) async throws -> Page<APIKey> {
        try await database.read { db in
            let (records, next) = try await APIKeyRecord.page(where: "TRUE", page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func find(_ id: APIKeyID) async throws -> APIKey? {
        try await database.read { db in try await APIKeyRecord.find(id.rawValue, in: db)?.model() }
    }

    func authenticate(secretHash: String) async throws -> (id: APIKeyID, role: Role)? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT id, role FROM api_key WHERE secret_hash = \(bind: secretHash) AND revoked_at IS NULL").first(),
                  let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
            return (APIKeyID(unchecked: try row.decode(column: "id", as: String.self)), role)
        }
    }
}
