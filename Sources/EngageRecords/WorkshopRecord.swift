import EngageDomain
import Foundation

/// A row of the `workshop` table: lists as JSON, nested objects flattened.
public struct WorkshopRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "workshop"

    public var seq: Int64?
    public var id: String
    public var title: String
    public var series: String?
    public var description: String?
    public var website: String?
    public var objectives: String
    public var region: String?
    public var country: String?
    public var startsOn: String?
    public var endsOn: String?
    public var timezone: String?
    public var format: String?
    public var venue: String?
    public var city: String?
    public var locationCountry: String?
    public var languages: String
    public var capacity: Int
    public var enrolmentOpensAt: Date?
    public var enrolmentClosesAt: Date?
    public var priorityCountries: String
    public var projectId: String?
    public var status: String
    public var statusReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Every text in all its languages (`TranslationsColumn`).
    public var translations: String

    public init(_ workshop: Workshop, seq: Int64?) {
        self.seq = seq
        id = workshop.id.rawValue
        title = workshop.title.primary
        series = workshop.series
        description = workshop.description?.primary
        website = workshop.website
        objectives = JSONText.encode(workshop.objectives.map(\.primary))
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
        var texts = TranslationsColumn()
        texts.set("title", workshop.title)
        texts.set("description", workshop.description)
        texts.set("objectives", workshop.objectives)
        translations = texts.json
    }

    public func model() throws -> Workshop {
        guard let status = EventStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        var dates: DateRange?
        if let start = startsOn.flatMap(LocalDate.init(iso:)), let end = endsOn.flatMap(LocalDate.init(iso:)) { dates = DateRange(startsOn: start, endsOn: end) }
        let location = venue == nil && city == nil && locationCountry == nil ? nil : EventLocation(venue: venue, city: city, country: locationCountry)
        var window: TimeWindow?
        if let enrolmentOpensAt, let enrolmentClosesAt { window = TimeWindow(opensAt: enrolmentOpensAt, closesAt: enrolmentClosesAt) }
        let texts = TranslationsColumn(json: translations)
        return Workshop(
            id: WorkshopID(unchecked: id), title: texts.text("title", plain: title) ?? LocalizedText(title), series: series,
            description: texts.text("description", plain: description), website: website,
            objectives: texts.list("objectives", plain: JSONText.decode([String].self, objectives) ?? []), region: region.flatMap(UNRegion.init(rawValue:)), country: country,
            dates: dates, timezone: timezone, format: format.flatMap(MeetingFormat.init(rawValue:)), location: location,
            languages: JSONText.decode([String].self, languages) ?? [], capacity: capacity, enrolment: window,
            priorityCountries: JSONText.decode([String].self, priorityCountries) ?? [], projectID: projectId.map(ProjectID.init(unchecked:)),
            status: status, statusReason: statusReason, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
