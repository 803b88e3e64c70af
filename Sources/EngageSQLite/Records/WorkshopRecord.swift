import EngageDomain
import Foundation
import GRDB

/// A row of the `workshop` table: lists as JSON, nested objects flattened.
struct WorkshopRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "workshop"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var title: String
    var series: String?
    var description: String?
    var objectives: String
    var region: String?
    var country: String?
    var startsOn: String?
    var endsOn: String?
    var timezone: String?
    var format: String?
    var venue: String?
    var city: String?
    var locationCountry: String?
    var languages: String
    var capacity: Int
    var enrolmentOpensAt: Date?
    var enrolmentClosesAt: Date?
    var priorityCountries: String
    var projectId: String?
    var status: String
    var statusReason: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ workshop: Workshop, seq: Int64?) {
        self.seq = seq
        id = workshop.id.rawValue
        title = workshop.title
        series = workshop.series
        description = workshop.description
        objectives = JSONText.encode(workshop.objectives)
        region = workshop.region?.rawValue
        country = workshop.country
        startsOn = workshop.dates?.startsOn.description
        endsOn = workshop.dates?.endsOn.description
        timezone = workshop.timezone
        format = workshop.format?.rawValue
        venue = workshop.location?.venue
        city = workshop.location?.city
        locationCountry = workshop.location?.country
        languages = JSONText.encode(workshop.languages)
        capacity = workshop.capacity
        enrolmentOpensAt = workshop.enrolment?.opensAt
        enrolmentClosesAt = workshop.enrolment?.closesAt
        priorityCountries = JSONText.encode(workshop.priorityCountries)
        projectId = workshop.projectID?.rawValue
        status = workshop.status.rawValue
        statusReason = workshop.statusReason
        createdAt = workshop.createdAt
        updatedAt = workshop.updatedAt
        version = workshop.version
    }

    func model() throws -> Workshop {
        guard let status = EventStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.databaseTableName, id: id) }
        var dates: DateRange?
        if let start = startsOn.flatMap(LocalDate.init(iso:)), let end = endsOn.flatMap(LocalDate.init(iso:)) { dates = DateRange(startsOn: start, endsOn: end) }
        let location = venue == nil && city == nil && locationCountry == nil ? nil : EventLocation(venue: venue, city: city, country: locationCountry)
        var window: TimeWindow?
        if let enrolmentOpensAt, let enrolmentClosesAt { window = TimeWindow(opensAt: enrolmentOpensAt, closesAt: enrolmentClosesAt) }
        return Workshop(
            id: WorkshopID(unchecked: id), title: title, series: series, description: description,
            objectives: JSONText.decode([String].self, objectives) ?? [], region: region.flatMap(UNRegion.init(rawValue:)), country: country,
            dates: dates, timezone: timezone, format: format.flatMap(MeetingFormat.init(rawValue:)), location: location,
            languages: JSONText.decode([String].self, languages) ?? [], capacity: capacity, enrolment: window,
            priorityCountries: JSONText.decode([String].self, priorityCountries) ?? [], projectID: projectId.map(ProjectID.init(unchecked:)),
            status: status, statusReason: statusReason, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
