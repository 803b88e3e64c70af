import Foundation

/// Validated stakeholder fields from a registration (POST) or a merge-patch (PATCH) body.
///
/// In a patch, a field that is absent stays as it is; `Change.clear` is an explicit `null`.
public struct StakeholderInput: Sendable, Equatable {
    /// What a patch does with one nullable field.
    public typealias Change<Value: Sendable & Equatable> = FieldChange<Value>

    public var name: String?
    public var acronym: Change<String>?
    public var kind: StakeholderKind?
    public var country: String?
    public var website: Change<String>?
    public var description: Change<String>?
    public var topics: [Topic]?
    public var ecosocStatus: EcosocStatus?
    public var contactName: String?
    public var contactEmail: String?
    public var contactPhone: Change<String>?
    /// The block published for networking; replaced whole, `null` withdraws it.
    public var publicContact: Change<PublicContact>?
    public var memberOf: [StakeholderID]?
    public var codeOfConductAccepted: Bool?

    public init(
        name: String? = nil, acronym: Change<String>? = nil, kind: StakeholderKind? = nil, country: String? = nil,
        website: Change<String>? = nil, description: Change<String>? = nil, topics: [Topic]? = nil,
        ecosocStatus: EcosocStatus? = nil, contactName: String? = nil, contactEmail: String? = nil,
        contactPhone: Change<String>? = nil, memberOf: [StakeholderID]? = nil, codeOfConductAccepted: Bool? = nil
    ) {
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.country = country
        self.website = website
        self.description = description
        self.topics = topics
        self.ecosocStatus = ecosocStatus
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.memberOf = memberOf
        self.codeOfConductAccepted = codeOfConductAccepted
    }

    /// The new, pending stakeholder a registration body describes (the same on every store).
    public func registration(id: StakeholderID, memberOf: [StakeholderID], now: Date) -> Stakeholder {
        var stakeholder = Stakeholder(
            id: id, name: name ?? "", acronym: acronym?.value, kind: kind ?? .other,
            country: country ?? "", website: website?.value, description: description?.value,
            topics: topics ?? [], ecosocStatus: ecosocStatus ?? .none,
            contact: Contact(name: contactName ?? "", email: contactEmail ?? "", phone: contactPhone?.value),
            memberOf: memberOf, status: .pending, statusReason: nil,
            codeOfConductAcceptedAt: now, createdAt: now, updatedAt: now, version: 1
        )
        stakeholder.publicContact = publicContact?.value
        return stakeholder
    }

    /// Whether a body is a complete registration or a partial update.
    public enum Mode: Sendable { case register, patch }

    // MARK: Parsing

    /// Reads and validates a request body, naming every bad field in one `DomainError.validation`.
    public static func parse(_ body: JSONValue, mode: Mode) throws(DomainError) -> StakeholderInput {
        var reader = ObjectReader(body)
        let registering = mode == .register
        var input = StakeholderInput()

        input.name = reader.string("name", required: registering, maxLength: 200, allowNull: false)
        input.acronym = reader.nullableString("acronym", maxLength: 30)
        input.kind = reader.enumeration("kind", StakeholderKind.self, required: registering, allowNull: false)
        input.country = reader.country("country", required: registering)
        input.website = reader.nullableString("website", maxLength: 500)
        if case .set(let url) = input.website, !Formats.isWebURL(url) {
            reader.fail("website", "must be an absolute http or https URL")
        }
        input.description = reader.nullableString("description", maxLength: 5000)
        input.topics = reader.stringArray("topics", maxCount: Topic.allCases.count, allowNull: false) { value in
            Topic(rawValue: value) == nil ? "must be one of: \(Topic.allCases.map(\.rawValue).joined(separator: ", "))" : nil
        }?.compactMap(Topic.init(rawValue:))
        input.ecosocStatus = reader.enumeration("ecosoc_status", EcosocStatus.self, allowNull: false)
        input.memberOf = reader.stringArray("member_of", maxCount: 50, allowNull: false) { value in
            StakeholderID(rawValue: value) == nil ? "must be a stakeholder ID (stk_…)" : nil
        }?.compactMap(StakeholderID.init(rawValue:))

        if var contact = reader.object("contact", required: registering, allowNull: false) {
            input.contactName = contact.string("name", required: registering, maxLength: 200, allowNull: false)
            input.contactEmail = contact.string("email", required: registering, maxLength: 254, allowNull: false)
            if let email = input.contactEmail, !Formats.isEmail(email) {
                contact.fail("email", "must be an e-mail address")
            }
            input.contactPhone = contact.nullableString("phone", maxLength: 40)
            if case .set(let phone) = input.contactPhone, !Formats.isPhone(phone) {
                contact.fail("phone", "must be a telephone number (digits, spaces, + - . ( ) /)")
            }
            contact.rejectUnknownFields()
            reader.absorb(contact)
        }

        input.publicContact = PublicContact.read(&reader)

        if registering {
            input.codeOfConductAccepted = reader.bool("code_of_conduct_accepted", required: true)
            if input.codeOfConductAccepted == false {
                reader.fail("code_of_conduct_accepted", "must be true: the code of conduct must be accepted to register")
            }
        }
        for readOnly in ["id", "status", "status_reason", "region", "created_at", "updated_at", "code_of_conduct_accepted_at"]
        where reader.raw(readOnly) != nil {
            reader.fail(readOnly, "is read-only")
        }
        if !registering, reader.raw("code_of_conduct_accepted") != nil {
            reader.fail("code_of_conduct_accepted", "is read-only after registration")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    // MARK: Applying

    /// Applies this patch to a stakeholder (profile fields only; never its status).
    public func apply(to stakeholder: inout Stakeholder) {
        if let name { stakeholder.name = name }
        if let acronym { stakeholder.acronym = acronym.value }
        if let kind { stakeholder.kind = kind }
        if let country { stakeholder.country = country }
        if let website { stakeholder.website = website.value }
        if let description { stakeholder.description = description.value }
        if let topics { stakeholder.topics = topics }
        if let ecosocStatus { stakeholder.ecosocStatus = ecosocStatus }
        if let contactName { stakeholder.contact.name = contactName }
        if let contactEmail { stakeholder.contact.email = contactEmail }
        if let contactPhone { stakeholder.contact.phone = contactPhone.value }
        if let publicContact { stakeholder.publicContact = publicContact.value }
        if let memberOf { stakeholder.memberOf = memberOf }
    }
}

