import EngageDomain
import Foundation
import GRDB

/// A row of the `api_key` table.
struct APIKeyRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "api_key"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var name: String
    var role: String
    var secretHash: String
    var hint: String
    var createdAt: Date
    var createdBy: String
    var revokedAt: Date?

    func model() throws -> APIKey {
        guard let role = Role(rawValue: role) else { throw StorageError.corruptRow(table: Self.databaseTableName, id: id) }
        return APIKey(
            id: APIKeyID(unchecked: id), name: name, role: role, hint: hint,
            createdAt: createdAt, createdBy: createdBy, revokedAt: revokedAt
        )
    }
}
