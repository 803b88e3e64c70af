import EngageDomain
import Foundation
import GRDB

/// A row of the `event_registration` table; participants are a JSON list (private data).
struct EventRegistrationRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "event_registration"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var eventId: String
    var stakeholderId: String
    var participants: String
    var status: String
    var statusReason: String?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    // MARK: Mapping

    init(_ registration: EventRegistration, seq: Int64?) {
        self.seq = seq
        id = registration.id.rawValue
        eventId = registration.eventID.rawValue
        stakeholderId = registration.stakeholderID.rawValue
        participants = JSONText.encode(registration.participants)
        status = registration.status.rawValue
        statusReason = registration.statusReason
        createdBy = registration.createdBy
        createdAt = registration.createdAt
        updatedAt = registration.updatedAt
        version = registration.version
    }

    func model() throws -> EventRegistration {
        guard let status = RegistrationStatus(rawValue: status),
              let people = JSONText.decode([Participant].self, participants) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        return EventRegistration(
            id: EventRegistrationID(unchecked: id), eventID: EventID(unchecked: eventId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            participants: people, status: status, statusReason: statusReason, createdBy: createdBy,
            createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
