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
        let participants = Participant.readList("participants", from: &reader, required: true)
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let stakeholder, let participants else { throw .validation(reader.errors) }
        return EventRegistrationInput(stakeholderID: stakeholder, participants: participants)
    }
}

/// A validated registration edit (a merge-patch): the delegation replaced as a whole.
public struct EventRegistrationPatch: Sendable, Equatable {
    /// The new list of participants; nil leaves it as it is.
    public var participants: [Participant]?

    public init(participants: [Participant]? = nil) {
        self.participants = participants
    }

    /// Reads `{participants}`; the organisation cannot change (withdraw and register as the other one).
    public static func parse(_ body: JSONValue) throws(DomainError) -> EventRegistrationPatch {
        var reader = ObjectReader(body)
        let participants = Participant.readList("participants", from: &reader, required: false)
        if reader.raw("stakeholder_id") != nil {
            reader.fail("stakeholder_id", "cannot change; withdraw this registration and register as the other organisation")
        }
        for field in ["id", "event_id", "status", "status_reason", "created_at", "updated_at", "version"] where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return EventRegistrationPatch(participants: participants)
    }
}
