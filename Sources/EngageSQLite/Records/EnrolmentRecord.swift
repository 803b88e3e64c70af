import EngageDomain
import Foundation
import GRDB

/// A row of the `workshop_enrolment` table.
struct EnrolmentRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "workshop_enrolment"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var workshopId: String
    var stakeholderId: String
    var participantName: String
    var participantEmail: String
    var participantPosition: String?
    var status: String
    var priority: Bool
    var attended: Bool?
    var promotedAt: Date?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ enrolment: Enrolment, seq: Int64?) {
        self.seq = seq
        id = enrolment.id.rawValue
        workshopId = enrolment.workshopID.rawValue
        stakeholderId = enrolment.stakeholderID.rawValue
        participantName = enrolment.participant.name
        participantEmail = enrolment.participant.email
        participantPosition = enrolment.participant.position
        status = enrolment.status.rawValue
        priority = enrolment.priority
        attended = enrolment.attended
        promotedAt = enrolment.promotedAt
        createdBy = enrolment.createdBy
        createdAt = enrolment.createdAt
        updatedAt = enrolment.updatedAt
        version = enrolment.version
    }

    func model(waitlistPosition: Int? = nil) throws -> Enrolment {
        guard let status = EnrolmentStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.databaseTableName, id: id) }
        return Enrolment(
            id: EnrolmentID(unchecked: id), workshopID: WorkshopID(unchecked: workshopId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            participant: EnrolmentParticipant(name: participantName, email: participantEmail, position: participantPosition),
            status: status, priority: priority, waitlistPosition: status == .waitlisted ? waitlistPosition : nil, attended: attended,
            promotedAt: promotedAt, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
