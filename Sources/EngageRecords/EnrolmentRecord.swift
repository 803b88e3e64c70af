import EngageDomain
import Foundation

/// A row of the `workshop_enrolment` table.
public struct EnrolmentRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "workshop_enrolment"

    public var seq: Int64?
    public var id: String
    public var workshopId: String
    public var stakeholderId: String
    public var participantName: String
    public var participantEmail: String
    public var participantPosition: String?
    public var participantGender: String?
    public var status: String
    public var priority: Bool
    public var attended: Bool?
    public var promotedAt: Date?
    public var statusReason: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(_ enrolment: Enrolment, seq: Int64?) {
        self.seq = seq
        id = enrolment.id.rawValue
        workshopId = enrolment.workshopID.rawValue
        stakeholderId = enrolment.stakeholderID.rawValue
        participantName = enrolment.participant.name
        participantEmail = enrolment.participant.email
        participantPosition = enrolment.participant.position
        participantGender = enrolment.participant.gender?.rawValue
        status = enrolment.status.rawValue
        priority = enrolment.priority
        attended = enrolment.attended
        promotedAt = enrolment.promotedAt
        statusReason = enrolment.statusReason
        createdBy = enrolment.createdBy
        createdAt = enrolment.createdAt
        updatedAt = enrolment.updatedAt
        version = enrolment.version
    }

    public func model(waitlistPosition: Int? = nil) throws -> Enrolment {
        guard let status = EnrolmentStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        return Enrolment(
            id: EnrolmentID(unchecked: id), workshopID: WorkshopID(unchecked: workshopId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            participant: EnrolmentParticipant(
                name: participantName, email: participantEmail, position: participantPosition, gender: participantGender.flatMap(Gender.init(rawValue:))),
            status: status, priority: priority, waitlistPosition: status == .waitlisted ? waitlistPosition : nil, attended: attended,
            promotedAt: promotedAt, statusReason: statusReason, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
