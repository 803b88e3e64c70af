import Foundation

/// Where an enrolment stands.
public enum EnrolmentStatus: String, Sendable, CaseIterable, Codable {
    case confirmed, waitlisted, cancelled

    /// Whether it holds a seat or a place on the waiting list.
    public var isOpen: Bool { self != .cancelled }
}

/// The person a stakeholder enrols. Private: never public, never logged.
public struct EnrolmentParticipant: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var position: String?
    /// Given by the enrolling organisation, or not; counted in statistics only.
    public var gender: Gender?

    public init(name: String, email: String, position: String? = nil, gender: Gender? = nil) {
        self.name = name
        self.email = email
        self.position = position
        self.gender = gender
    }
}

/// One person's place in a workshop: a seat, or a place on the waiting list.
public struct Enrolment: Sendable, Equatable {
    public var id: EnrolmentID
    public var workshopID: WorkshopID
    public var stakeholderID: StakeholderID
    public var participant: EnrolmentParticipant
    public var status: EnrolmentStatus
    /// From one of the workshop's priority countries when enrolling: ahead on the waiting list.
    public var priority: Bool
    /// 1 for the next to be promoted; nil unless waitlisted.
    public var waitlistPosition: Int?
    public var attended: Bool?
    public var promotedAt: Date?
    /// Why it was cancelled when the workshop's own move cancelled it ("the workshop took place; …").
    public var statusReason: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: EnrolmentID = .generate(), workshopID: WorkshopID, stakeholderID: StakeholderID, participant: EnrolmentParticipant,
        status: EnrolmentStatus, priority: Bool, waitlistPosition: Int? = nil, attended: Bool? = nil, promotedAt: Date? = nil,
        statusReason: String? = nil, createdBy: String, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.statusReason = statusReason
        self.id = id
        self.workshopID = workshopID
        self.stakeholderID = stakeholderID
        self.participant = participant
        self.status = status
        self.priority = priority
        self.waitlistPosition = waitlistPosition
        self.attended = attended
        self.promotedAt = promotedAt
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A validated enrolment body.
public struct EnrolmentInput: Sendable, Equatable {
    public var stakeholderID: StakeholderID
    public var participant: EnrolmentParticipant

    public init(stakeholderID: StakeholderID, participant: EnrolmentParticipant) {
        self.stakeholderID = stakeholderID
        self.participant = participant
    }

    /// Reads `{stakeholder_id, participant: {name, email, position, gender}}`, naming every bad field.
    public static func parse(_ body: JSONValue) throws(DomainError) -> EnrolmentInput {
        var reader = ObjectReader(body)
        let stakeholder = reader.identifier("stakeholder_id", StakeholderID.self, required: true, allowNull: false)
        var participant: EnrolmentParticipant?
        if var person = reader.object("participant", required: true, allowNull: false) {
            let name = person.string("name", required: true, maxLength: 200)
            let email = person.string("email", required: true, maxLength: 254)
            if let email, !Formats.isEmail(email) { person.fail("email", "must be an e-mail address") }
            let position = person.string("position", maxLength: 200).flatMap { $0.isEmpty ? nil : $0 }
            let gender = person.enumeration("gender", Gender.self)
            person.rejectUnknownFields()
            if person.errors.isEmpty, let name, let email {
                participant = EnrolmentParticipant(name: name, email: email, position: position, gender: gender)
            }
            reader.absorb(person)
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let stakeholder, let participant else { throw .validation(reader.errors) }
        return EnrolmentInput(stakeholderID: stakeholder, participant: participant)
    }
}
