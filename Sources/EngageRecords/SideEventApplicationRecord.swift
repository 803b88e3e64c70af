import EngageDomain
import Foundation

/// A row of the `side_event_application` table; co-organisers live in `side_event_co_organizer`.
public struct SideEventApplicationRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "side_event_application"

    public var seq: Int64?
    public var id: String
    public var eventId: String
    public var stakeholderId: String
    public var title: String
    public var description: String
    public var format: String?
    public var coSponsors: String
    public var preferredDates: String
    public var status: String
    public var statusReason: String?
    public var sideEventId: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    // MARK: Mapping

    public init(_ application: SideEventApplication, seq: Int64?) {
        self.seq = seq
        id = application.id.rawValue
        eventId = application.eventID.rawValue
        stakeholderId = application.stakeholderID.rawValue
        title = application.title
        description = application.description
        format = application.format?.rawValue
        coSponsors = JSONText.encode(application.coSponsors)
        preferredDates = JSONText.encode(application.preferredDates.map(\.description))
        status = application.status.rawValue
        statusReason = application.statusReason
        sideEventId = application.sideEventID?.rawValue
        createdBy = application.createdBy
        createdAt = application.createdAt
        updatedAt = application.updatedAt
        version = application.version
    }

    public func model(coOrganizers: [StakeholderID]) throws -> SideEventApplication {
        guard let status = SideEventApplicationStatus(rawValue: status),
              let sponsors = JSONText.decode([String].self, coSponsors),
              let dates = JSONText.decode([String].self, preferredDates) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        return SideEventApplication(
            id: SideEventApplicationID(unchecked: id), eventID: EventID(unchecked: eventId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            title: title, description: description, format: format.flatMap(MeetingFormat.init(rawValue:)), coOrganizers: coOrganizers,
            coSponsors: sponsors, preferredDates: dates.compactMap(LocalDate.init(iso:)), status: status, statusReason: statusReason,
            sideEventID: sideEventId.map(EventID.init(unchecked:)), createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
