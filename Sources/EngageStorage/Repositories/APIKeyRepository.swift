import EngageDomain
import Foundation

/// Storage of API keys (hashed secrets only).
public protocol APIKeyRepository: Sendable {
    /// Stores a new key.
    func create(name: String, role: Role, secretHash: String, hint: String, createdBy: String, now: Date) async throws -> APIKey

    /// Ensures a key with this secret hash exists (used for the configured admin key); true when it was created.
    func ensure(name: String, role: Role, secretHash: String, hint: String, now: Date) async throws -> Bool

    /// Whether any non-revoked key has this role.
    func hasActiveKey(role: Role) async throws -> Bool

    /// One page of keys, oldest first, revoked ones included.
    func list(page: PageRequest) async throws -> Page<APIKey>

    /// The key with this ID.
    func find(_ id: APIKeyID) async throws -> APIKey?

    /// Revokes a key; revoking twice is harmless. Throws `notFound` for an unknown ID.
    func revoke(_ id: APIKeyID, now: Date) async throws -> APIKey

    /// The ID and role of the non-revoked key with this secret hash.
    func authenticate(secretHash: String) async throws -> (id: APIKeyID, role: Role)?
}
