import Foundation

/// A stakeholder's registration of its delegation for an event.
public struct EventRegistration: Sendable, Equatable {
    public var id: EventRegistrationID
    public var eventID: EventID
    public var stakeholderID: StakeholderID
    public var participants: [Participant]
    public var status: RegistrationStatus
    public var statusReason: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: EventRegistrationID = .generate(), eventID: EventID, stakeholderID: StakeholderID, participants: [Participant],
        status: RegistrationStatus = .pending, statusReason: String? = nil, createdBy: String, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.eventID = eventID
        self.stakeholderID = stakeholderID
        self.participants = participants
        self.status = status
        self.statusReason = statusReason
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A validated registration body.
public struct EventRegistrationInput: Sendable, Equatable {
    public var stakeholderID: StakeholderID
    public var participants: [Participant]

    public init(stakeholderID: StakeholderID, participants: [Participant]) {
        self.stakeholderID = stakeholderID
        self.participants = participants
    }

    /// Reads `{stakeholder_id, participants: [{name, email, role, gender}]}`, naming every bad field.
    public static func parse(_ body: JSONValue) throws(DomainError) -> EventRegistrationInput {
        var reader = ObjectReader(body)
        let stakeholder = reader.identifier("stakeholder_id", StakeholderID.self, required: true, allowNull: false)
        var participants: [Participant] = []
        switch reader.raw("participants") {
        case nil:
            reader.fail("participants", "is required")
        case .array(let items)?:
            if items.isEmpty { reader.fail("participants", "must name at least one person") }
            if items.count > 100 { reader.fail("participants", "must have at most 100 items") }
            var emails: Set<String> = []
            for (index, item) in items.prefix(100).enumerated() {
                var person = ObjectReader(item, path: "participants[\(index)]")
                let name = person.string("name", required: true, maxLength: 200)
                let email = person.string("email", required: true, maxLength: 254)
                if let email, !Formats.isEmail(email) { person.fail("email", "must be an e-mail address") }
                if let email, !emails.insert(email.lowercased()).inserted { person.fail("email", "is listed twice") }
                let role = person.enumeration("role", Participant.Role.self, allowNull: false)
                let gender = person.enumeration("gender", Gender.self)
                person.rejectUnknownFields()
                if person.errors.isEmpty, let name, let email {
                    participants.append(Participant(name: name, email: email, role: role ?? .delegate, gender: gender))
                }
                reader.absorb(person)
            }
        case let other?:
            reader.fail("participants", "must be an array, got \(other.typeName)")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let stakeholder else { throw .validation(reader.errors) }
        return EventRegistrationInput(stakeholderID: stakeholder, participants: participants)
    }
}
