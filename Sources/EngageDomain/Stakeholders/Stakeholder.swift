import Foundation

/// An organisation in the registry.
public struct Stakeholder: Sendable, Equatable {
    public var id: StakeholderID
    public var name: String
    public var acronym: String?
    public var kind: StakeholderKind
    public var country: String
    public var website: String?
    public var description: String?
    public var topics: [Topic]
    public var ecosocStatus: EcosocStatus
    public var contact: Contact
    /// Published by the organisation for networking; public (unlike `contact`).
    public var publicContact: PublicContact?
    public var memberOf: [StakeholderID]
    /// The networks of `memberOf` that are approved: all the public may see.
    public var approvedNetworks: [StakeholderID] = []
    /// Changes the organisation proposed to its trust-bearing fields, not yet reviewed (see `ProfileReview`).
    public var pendingChange: PendingProfileChange?
    /// How many times the registration was submitted: 1, plus one per resubmission after a rejection.
    public var submissions = 1
    /// Registrations this one resembles (same folded name and country, or same contact e-mail), for staff.
    public var possibleDuplicateOf: [StakeholderID] = []
    public var status: StakeholderStatus
    public var statusReason: String?
    public var codeOfConductAcceptedAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    /// Incremented on every change; the basis of the ETag.
    public var version: Int

    public init(
        id: StakeholderID, name: String, acronym: String?, kind: StakeholderKind, country: String,
        website: String?, description: String?, topics: [Topic], ecosocStatus: EcosocStatus,
        contact: Contact, memberOf: [StakeholderID], status: StakeholderStatus, statusReason: String?,
        codeOfConductAcceptedAt: Date, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.country = country
        self.website = website
        self.description = description
        self.topics = topics
        self.ecosocStatus = ecosocStatus
        self.contact = contact
        self.memberOf = memberOf
        self.status = status
        self.statusReason = statusReason
        self.codeOfConductAcceptedAt = codeOfConductAcceptedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The UN regional group, derived from the country.
    public var region: UNRegion? { Country.region(of: country) }


    /// Why the organisation itself may not `action` (change its profile, add a webhook endpoint), or nil:
    /// a suspended organisation still reads its own profile, but changes nothing until staff reinstate it.
    public func selfServiceRefusal(_ action: String) -> String? {
        status == .suspended ? "\(id) is suspended; it cannot \(action) until the Secretariat reinstates it" : nil
    }

    /// Whether the public directory shows this stakeholder.
    public var isPublic: Bool { status == .approved }
}

// MARK: - Fields

extension Stakeholder: FieldListed {
    /// The profile fields.
    public static var editableFields: [ModelField<Stakeholder>] {
        [
            ModelField("name", \.name), ModelField("acronym", \.acronym), ModelField("kind", \.kind), ModelField("country", \.country),
            ModelField("website", \.website), ModelField("description", \.description), ModelField("topics", \.topics),
            ModelField("ecosoc_status", \.ecosocStatus), ModelField("contact", \.contact), ModelField("public_contact", \.publicContact), ModelField("member_of", \.memberOf),
        ]
    }

    /// `approvedNetworks` is derived from `memberOf` when read; the code of conduct is accepted once, at registration;
    /// `pendingChange` is written only through `ProfileReview`.
    public static var bookkeepingProperties: Set<String> {
        ["id", "approvedNetworks", "pendingChange", "submissions", "possibleDuplicateOf", "status", "statusReason", "codeOfConductAcceptedAt", "createdAt", "updatedAt", "version"]
    }
}
