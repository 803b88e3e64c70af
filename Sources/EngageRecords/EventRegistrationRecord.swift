import EngageDomain
import Foundation

/// A row of the `event_registration` table; participants are a JSON list (private data).
public struct EventRegistrationRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "event_registration"

    public var seq: Int64?
    public var id: String
    public var eventId: String
    public var stakeholderId: String
    public var participants: String
    public var status: String
    public var statusReason: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    // MARK: Mapping

    public init(_ registration: EventRegistration, seq: Int64?) {
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

    public func model() throws -> EventRegistration {
        guard let status = RegistrationStatus(rawValue: status),
              let people = JSONText.decode([Participant].self, participants) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        return EventRegistration(
            id: EventRegistrationID(unchecked: id), eventID: EventID(unchecked: eventId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            participants: people, status: status, statusReason: statusReason, createdBy: createdBy,
            createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
