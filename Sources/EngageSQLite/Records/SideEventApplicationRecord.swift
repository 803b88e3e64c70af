import EngageDomain
import Foundation
import GRDB

/// A row of the `side_event_application` table; co-organisers live in `side_event_co_organizer`.
struct SideEventApplicationRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "side_event_application"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var eventId: String
    var stakeholderId: String
    var title: String
    var description: String
    var format: String?
    var coSponsors: String
    var preferredDates: String
    var status: String
    var statusReason: String?
    var sideEventId: String?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    // MARK: Mapping

    init(_ application: SideEventApplication, seq: Int64?) {
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

    func model(coOrganizers: [StakeholderID]) throws -> SideEventApplication {
        guard let status = SideEventApplicationStatus(rawValue: status),
              let sponsors = JSONText.decode([String].self, coSponsors),
              let dates = JSONText.decode([String].self, preferredDates) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        return SideEventApplication(
            id: SideEventApplicationID(unchecked: id), eventID: EventID(unchecked: eventId), stakeholderID: StakeholderID(unchecked: stakeholderId),
            title: title, description: description, format: format.flatMap(MeetingFormat.init(rawValue:)), coOrganizers: coOrganizers,
            coSponsors: sponsors, preferredDates: dates.compactMap(LocalDate.init(iso:)), status: status, statusReason: statusReason,
            sideEventID: sideEventId.map(EventID.init(unchecked:)), createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
