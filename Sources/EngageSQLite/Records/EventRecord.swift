import EngageDomain
import Foundation
import GRDB

/// A row of the `event` table: nested settings flattened into columns.
struct EventRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "event"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var title: String
    var kind: String
    var sessionNumber: Int?
    var description: String?
    var startsOn: String?
    var endsOn: String?
    var timezone: String?
    var format: String?
    var venue: String?
    var city: String?
    var country: String?
    var onlineUrl: String?
    var parentEventId: String?
    var projectId: String?
    var status: String
    var statusReason: String?
    var registrationOpensAt: Date?
    var registrationClosesAt: Date?
    var registrationMaxParticipants: Int?
    var applicationsOpensAt: Date?
    var applicationsClosesAt: Date?
    var applicationsMaxPerOrganizer: Int?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    // MARK: Decoding

    /// Reads a row by column name without the Codable machinery (see `StakeholderRecord.init(row:)`).
    init(row: Row) throws {
        seq = row["seq"]
        id = row["id"]
        title = row["title"]
        kind = row["kind"]
        sessionNumber = row["session_number"]
        description = row["description"]
        startsOn = row["starts_on"]
        endsOn = row["ends_on"]
        timezone = row["timezone"]
        format = row["format"]
        venue = row["venue"]
        city = row["city"]
        country = row["country"]
        onlineUrl = row["online_url"]
        parentEventId = row["parent_event_id"]
        projectId = row["project_id"]
        status = row["status"]
        statusReason = row["status_reason"]
        registrationOpensAt = row["registration_opens_at"]
        registrationClosesAt = row["registration_closes_at"]
        registrationMaxParticipants = row["registration_max_participants"]
        applicationsOpensAt = row["applications_opens_at"]
        applicationsClosesAt = row["applications_closes_at"]
        applicationsMaxPerOrganizer = row["applications_max_per_organizer"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        version = row["version"]
    }

    // MARK: Mapping

    init(_ event: Event, seq: Int64?) {
        self.seq = seq
        id = event.id.rawValue
        title = event.title
        kind = event.kind.rawValue
        sessionNumber = event.sessionNumber
        description = event.description
        startsOn = event.dates?.startsOn.description
        endsOn = event.dates?.endsOn.description
        timezone = event.timezone
        format = event.format?.rawValue
        venue = event.location?.venue
        city = event.location?.city
        country = event.location?.country
        onlineUrl = event.onlineURL
        parentEventId = event.parentEventID?.rawValue
        projectId = event.projectID?.rawValue
        status = event.status.rawValue
        statusReason = event.statusReason
        registrationOpensAt = event.registration?.window.opensAt
        registrationClosesAt = event.registration?.window.closesAt
        registrationMaxParticipants = event.registration?.maxParticipantsPerStakeholder
        applicationsOpensAt = event.sideEventApplications?.window.opensAt
        applicationsClosesAt = event.sideEventApplications?.window.closesAt
        applicationsMaxPerOrganizer = event.sideEventApplications?.maxPerOrganizer
        createdAt = event.createdAt
        updatedAt = event.updatedAt
        version = event.version
    }

    func model() throws -> Event {
        guard let kind = EventKind(rawValue: kind), let status = EventStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        var dates: DateRange?
        if let startsOn, let endsOn {
            guard let start = LocalDate(iso: startsOn), let end = LocalDate(iso: endsOn) else {
                throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
            }
            dates = DateRange(startsOn: start, endsOn: end)
        }
        let location = venue == nil && city == nil && country == nil ? nil : EventLocation(venue: venue, city: city, country: country)
        var registration: Event.Registration?
        if let registrationOpensAt, let registrationClosesAt {
            registration = Event.Registration(
                window: TimeWindow(opensAt: registrationOpensAt, closesAt: registrationClosesAt),
                maxParticipantsPerStakeholder: registrationMaxParticipants)
        }
        var applications: Event.SideEventApplications?
        if let applicationsOpensAt, let applicationsClosesAt {
            applications = Event.SideEventApplications(
                window: TimeWindow(opensAt: applicationsOpensAt, closesAt: applicationsClosesAt),
                maxPerOrganizer: applicationsMaxPerOrganizer ?? 1)
        }
        return Event(
            id: EventID(unchecked: id), title: title, kind: kind, sessionNumber: sessionNumber, description: description,
            dates: dates, timezone: timezone, format: format.flatMap(MeetingFormat.init(rawValue:)), location: location,
            onlineURL: onlineUrl, parentEventID: parentEventId.map(EventID.init(unchecked:)),
            projectID: projectId.map(ProjectID.init(unchecked:)), status: status, statusReason: statusReason,
            registration: registration, sideEventApplications: applications, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
