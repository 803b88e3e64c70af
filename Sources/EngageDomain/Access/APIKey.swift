import Foundation

/// An API key as listed: never with its secret.
public struct APIKey: Sendable, Equatable {
    public var id: APIKeyID
    public var name: String
    public var role: Role
    /// The first characters of the secret, to tell keys apart.
    public var hint: String
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    public init(id: APIKeyID, name: String, role: Role, hint: String, createdAt: Date, createdBy: String, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.role = role
        self.hint = hint
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }
}
