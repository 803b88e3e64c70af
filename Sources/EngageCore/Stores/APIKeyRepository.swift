import EngageDomain
import Foundation

/// Storage of API keys (hashed secrets only).
public protocol APIKeyRepository: Sendable {
    /// Stores a new key.
    func create(name: String, role: Role, secretHash: String, hint: String, createdBy: String, now: Date) async throws -> APIKey

    /// Ensures a non-revoked key with this secret hash and role exists (the configured admin key).
    func ensure(name: String, role: Role, secretHash: String, hint: String, now: Date) async throws -> APIKeyEnsureOutcome

    /// Whether any non-revoked key has this role.
    func hasActiveKey(role: Role) async throws -> Bool

    /// One page of keys, oldest first, revoked ones included.
    func list(page: PageRequest) async throws -> Page<APIKey>

    /// The key with this ID.
    func find(_ id: APIKeyID) async throws -> APIKey?

    /// Revokes a key; revoking twice is harmless. Throws `notFound` for an unknown ID, and
    /// `conflict` rather than revoke the last active admin key.
    func revoke(_ id: APIKeyID, now: Date) async throws -> APIKey

    /// The ID and role of the non-revoked key with this secret hash.
    func authenticate(secretHash: String) async throws -> (id: APIKeyID, role: Role)?
}

/// What `APIKeyRepository.ensure` found.
public enum APIKeyEnsureOutcome: Sendable, Equatable {
    case created
    case unchanged
    /// The key had been revoked and is active again, because the configuration names it.
    case reinstated
}
