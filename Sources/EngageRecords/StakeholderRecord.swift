import EngageDomain
import Foundation

/// A row of the `stakeholder` table. Topics and memberships live in their own tables.
public struct StakeholderRecord: Codable, Sendable, SearchIndexed {
    /// The table this record is a row of.
    public static let tableName = "stakeholder"

    public var seq: Int64?
    public var id: String
    public var name: String
    public var acronym: String?
    public var kind: String
    public var country: String
    public var region: String?
    public var website: String?
    public var description: String?
    public var ecosocStatus: String
    public var contactName: String
    public var contactEmail: String
    public var contactPhone: String?
    public var status: String
    public var statusReason: String?
    public var accessTokenHash: String
    public var codeOfConductAcceptedAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// The `PendingProfileChange` as JSON, or NULL.
    public var pendingChanges: String?
    public var submissions: Int
    /// JSON list of stakeholder IDs.
    public var possibleDuplicateOf: String
    /// JSON `PublicContact`, or NULL when none is published.
    public var publicContact: String?

    /// Every column, as stored.
    public init(
        seq: Int64? = nil, id: String, name: String, acronym: String?, kind: String, country: String,
        region: String?, website: String?, description: String?, ecosocStatus: String, contactName: String,
        contactEmail: String, contactPhone: String?, status: String, statusReason: String?, accessTokenHash: String,
        codeOfConductAcceptedAt: Date, createdAt: Date, updatedAt: Date, version: Int, pendingChanges: String? = nil, submissions: Int = 1, possibleDuplicateOf: String = "[]",
        publicContact: String? = nil
    ) {
        self.publicContact = publicContact
        self.possibleDuplicateOf = possibleDuplicateOf
        self.submissions = submissions
        self.seq = seq
        self.id = id
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.country = country
        self.region = region
        self.website = website
        self.description = description
        self.ecosocStatus = ecosocStatus
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.status = status
        self.statusReason = statusReason
        self.accessTokenHash = accessTokenHash
        self.codeOfConductAcceptedAt = codeOfConductAcceptedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.pendingChanges = pendingChanges
    }

    // MARK: Erasure

    /// Takes the personal data out of this row (contact, phone, description, a pending change) and
    /// revokes its access token; the organisation's name, kind and country stay, so the figures do.
    public mutating func erase(now: Date) {
        contactName = Erasure.marker
        contactEmail = Erasure.email
        contactPhone = nil
        description = nil
        publicContact = nil
        pendingChanges = nil
        accessTokenHash = Secret.hash(Secret.generate(prefix: Secret.accessTokenPrefix))
        updatedAt = now
        version += 1
    }

    // MARK: Search

    /// `search_name`, `search_acronym`, `search_description`: the name, acronym and description folded
    /// for the full-text index (`SearchText`), derived whenever the row is written, so an edit or an
    /// erasure changes what the index holds with the same statement.
    public var searchColumns: [String: String] {
        SearchColumns.stakeholder(name: name, acronym: acronym, description: description).columns
    }

    // MARK: Mapping

    /// The record of a stakeholder (its token hash is kept apart from the domain model).
    public init(_ stakeholder: Stakeholder, seq: Int64?, accessTokenHash: String) {
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
        pendingChanges = stakeholder.pendingChange.map(JSONText.encode)
        submissions = stakeholder.submissions
        possibleDuplicateOf = JSONText.encode(stakeholder.possibleDuplicateOf.map(\.rawValue))
        publicContact = stakeholder.publicContact.map(JSONText.encode)
    }

    /// The domain model, given the stakeholder's topics and networks.
    public func model(topics: [Topic], memberOf: [StakeholderID], approvedNetworks: [StakeholderID]) throws -> Stakeholder {
        guard let kind = StakeholderKind(rawValue: kind),
              let ecosoc = EcosocStatus(rawValue: ecosocStatus),
              let status = StakeholderStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        var model = Stakeholder(
            id: StakeholderID(unchecked: id), name: name, acronym: acronym, kind: kind, country: country,
            website: website, description: description, topics: topics, ecosocStatus: ecosoc,
            contact: Contact(name: contactName, email: contactEmail, phone: contactPhone),
            memberOf: memberOf, status: status, statusReason: statusReason,
            codeOfConductAcceptedAt: codeOfConductAcceptedAt, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
        model.approvedNetworks = approvedNetworks
        model.submissions = submissions
        model.publicContact = publicContact.flatMap { JSONText.decode(PublicContact.self, $0) }
        // Nearly every row has none: an empty list needs no decoder (it was 1 % of a read by ID).
        guard let duplicates = possibleDuplicateOf == "[]" ? [] : JSONText.decode([String].self, possibleDuplicateOf) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        model.possibleDuplicateOf = duplicates.map(StakeholderID.init(unchecked:))
        if let pendingChanges {
            guard let pending = JSONText.decode(PendingProfileChange.self, pendingChanges) else {
                throw StorageError.corruptRow(table: Self.tableName, id: id)
            }
            model.pendingChange = pending
        }
        return model
    }
}
