import EngageDomain
import Foundation
import GRDB

/// A row of the `stakeholder` table. Topics and memberships live in their own tables.
struct StakeholderRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "stakeholder"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var name: String
    var acronym: String?
    var kind: String
    var country: String
    var region: String?
    var website: String?
    var description: String?
    var ecosocStatus: String
    var contactName: String
    var contactEmail: String
    var contactPhone: String?
    var status: String
    var statusReason: String?
    var accessTokenHash: String
    var codeOfConductAcceptedAt: Date
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    // MARK: Decoding

    /// Reads a row by column name without the Codable machinery: lists decode tens of rows per
    /// request, and `Decodable` with a column-name strategy cost ten times the query itself.
    init(row: Row) throws {
        seq = row["seq"]
        id = row["id"]
        name = row["name"]
        acronym = row["acronym"]
        kind = row["kind"]
        country = row["country"]
        region = row["region"]
        website = row["website"]
        description = row["description"]
        ecosocStatus = row["ecosoc_status"]
        contactName = row["contact_name"]
        contactEmail = row["contact_email"]
        contactPhone = row["contact_phone"]
        status = row["status"]
        statusReason = row["status_reason"]
        accessTokenHash = row["access_token_hash"]
        codeOfConductAcceptedAt = row["code_of_conduct_accepted_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        version = row["version"]
    }

    // MARK: Mapping

    /// The record of a stakeholder (its token hash is kept apart from the domain model).
    init(_ stakeholder: Stakeholder, seq: Int64?, accessTokenHash: String) {
        self.seq = seq
        id = stakeholder.id.rawValue
        name = stakeholder.name
        acronym = stakeholder.acronym
        kind = stakeholder.kind.rawValue
        country = stakeholder.country
        region = stakeholder.region?.rawValue
        website = stakeholder.website
        description = stakeholder.description
        ecosocStatus = stakeholder.ecosocStatus.rawValue
        contactName = stakeholder.contact.name
        contactEmail = stakeholder.contact.email
        contactPhone = stakeholder.contact.phone
        status = stakeholder.status.rawValue
        statusReason = stakeholder.statusReason
        self.accessTokenHash = accessTokenHash
        codeOfConductAcceptedAt = stakeholder.codeOfConductAcceptedAt
        createdAt = stakeholder.createdAt
        updatedAt = stakeholder.updatedAt
        version = stakeholder.version
    }

    /// The domain model, given the stakeholder's topics and networks.
    func model(topics: [Topic], memberOf: [StakeholderID], approvedNetworks: [StakeholderID]) throws -> Stakeholder {
        guard let kind = StakeholderKind(rawValue: kind),
              let ecosoc = EcosocStatus(rawValue: ecosocStatus),
              let status = StakeholderStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        var model = Stakeholder(
            id: StakeholderID(unchecked: id), name: name, acronym: acronym, kind: kind, country: country,
            website: website, description: description, topics: topics, ecosocStatus: ecosoc,
            contact: Contact(name: contactName, email: contactEmail, phone: contactPhone),
            memberOf: memberOf, status: status, statusReason: statusReason,
            codeOfConductAcceptedAt: codeOfConductAcceptedAt, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
        model.approvedNetworks = approvedNetworks
        return model
    }
}
