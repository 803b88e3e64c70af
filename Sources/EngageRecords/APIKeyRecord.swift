import EngageDomain
import Foundation

/// A row of the `api_key` table.
public struct APIKeyRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "api_key"

    public var seq: Int64?
    public var id: String
    public var name: String
    public var role: String
    public var secretHash: String
    public var hint: String
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    /// Every column, as stored.
    public init(
        seq: Int64? = nil, id: String, name: String, role: String, secretHash: String, hint: String, createdAt: Date,
        createdBy: String, revokedAt: Date?
    ) {
        self.seq = seq
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.hint = hint
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    public func model() throws -> APIKey {
        guard let role = Role(rawValue: role) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        return APIKey(
            id: APIKeyID(unchecked: id), name: name, role: role, hint: hint,
            createdAt: createdAt, createdBy: createdBy, revokedAt: revokedAt
        )
    }
}
