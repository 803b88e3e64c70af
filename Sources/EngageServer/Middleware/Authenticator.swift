import EngageDomain
import EngageCore
import Hummingbird

/// Turns an `Authorization: Bearer …` header into a `Principal`.
///
/// Credentials are looked up on every request, so a revoked key or a replaced token stops
/// working at once. A header that is present but wrong is a 401, never a silent downgrade.
struct Authenticator: Sendable {
    let apiKeys: any APIKeyRepository
    let stakeholders: any StakeholderRepository

    func principal(for request: Request) async throws -> Principal {
        guard let header = request.headers[.authorization] else { return .anonymous }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthorized("use the Authorization scheme Bearer with an API key or access token")
        }
        let secret = String(Blanks.trimmed(parts[1]))
        guard secret.count <= 200 else { throw Problem.unauthorized("the credential is not valid") }
        if secret.hasPrefix(Secret.apiKeyPrefix),
           let key = try await apiKeys.authenticate(secretHash: Secret.hash(secret)) {
            return .apiKey(id: key.id, role: key.role)
        }
        if secret.hasPrefix(Secret.accessTokenPrefix),
           let stakeholder = try await stakeholders.authenticate(accessTokenHash: Secret.hash(secret)) {
            return .stakeholder(stakeholder)
        }
        throw Problem.unauthorized("the credential is not valid, or has been revoked")
    }
}
