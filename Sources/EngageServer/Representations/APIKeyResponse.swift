import EngageDomain
import Foundation

/// An API key as the API shows it; `secret` only in the creation response.
struct APIKeyResponse: Encodable, Sendable {
    var id: String
    var name: String
    var role: String
    var hint: String
    var createdAt: Date
    var createdBy: String
    var revokedAt: Date?
    var secret: String?

    init(_ key: APIKey, secret: String? = nil) {
        id = key.id.rawValue
        name = key.name
        role = key.role.rawValue
        hint = key.hint
        createdAt = key.createdAt
        createdBy = key.createdBy
        revokedAt = key.revokedAt
        self.secret = secret
    }
}
