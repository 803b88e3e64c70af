import EngageDomain
import Foundation

/// A row of the `event` table: nested settings flattened into columns.
public struct EventRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "event"

    public var seq: Int64?
    public var id: String
    public var title: String
    public var kind: String
    public var sessionNumber: Int?
    public var description: String?
    public var startsOn: String?
    public var endsOn: String?
    public var timezone: String?
    public var format: String?
    public var venue: String?
    public var city: String?
    public var country: String?
    public var onlineUrl: String?
    public var parentEventId: String?
    public var projectId: String?
    public var region: String?
    /// The topics, a JSON array of their codes (the list filters on its elements).
    public var topics: String
    public var status: String
    public var statusReason: String?
    public var registrationOpensAt: Date?
    public var registrationClosesAt: Date?
    public var registrationMaxParticipants: Int?
    public var registrationOpenWhilePostponed: Bool
    public var applicationsOpensAt: Date?
    public var applicationsClosesAt: Date?
    public var applicationsMaxPerOrganizer: Int?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Every text in all its languages (`TranslationsColumn`).
    public var translations: String

    /// Every column, as stored.
    public init(
        seq: Int64? = nil, id: String, title: String, kind: String, sessionNumber: Int?, description: String?,
        startsOn: String?, endsOn: String?, timezone: String?, format: String?, venue: String?, city: String?,
        country: String?, onlineUrl: String?, parentEventId: String?, projectId: String?, region: String?, topics: String, status: String,
        statusReason: String?, registrationOpensAt: Date?, registrationClosesAt: Date?,
        registrationMaxParticipants: Int?, registrationOpenWhilePostponed: Bool = false, applicationsOpensAt: Date?, applicationsClosesAt: Date?,
        applicationsMaxPerOrganizer: Int?, createdAt: Date, updatedAt: Date, version: Int, translations: String = "{}"
    ) {
        self.seq = seq
        self.id = id
        self.title = title
        self.kind = kind
        self.sessionNumber = sessionNumber
        self.description = description
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.timezone = timezone
        self.format = format
        self.venue = venue
        self.city = city
        self.country = country
        self.onlineUrl = onlineUrl
        self.parentEventId = parentEventId
        self.projectId = projectId
        self.region = region
        self.topics = topics
        self.status = status
        self.statusReason = statusReason
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.registrationMaxParticipants = registrationMaxParticipants
        self.registrationOpenWhilePostponed = registrationOpenWhilePostponed
        self.applicationsOpensAt = applicationsOpensAt
        self.applicationsClosesAt = applicationsClosesAt
        self.applicationsMaxPerOrganizer = applicationsMaxPerOrganizer
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.translations = translations
    }


    // MARK: Mapping

    public init(_ event: Event, seq: Int64?) {
        self.seq = seq
        id = event.id.rawValue
        title = event.title.primary
        kind = event.kind.rawValue
        sessionNumber = event.sessionNumber
        description = event.description?.primary
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
        region = event.region?.rawValue
        topics = JSONText.encode(event.topics.map(\.rawValue))
        status = event.status.rawValue
        statusReason = event.statusReason
        registrationOpensAt = event.registration?.window.opensAt
        registrationClosesAt = event.registration?.window.closesAt
        registrationOpenWhilePostponed = event.registration?.openWhilePostponed ?? false
        registrationMaxParticipants = event.registration?.maxParticipantsPerStakeholder
        applicationsOpensAt = event.sideEventApplications?.window.opensAt
        applicationsClosesAt = event.sideEventApplications?.window.closesAt
        applicationsMaxPerOrganizer = event.sideEventApplications?.maxPerOrganizer
        createdAt = event.createdAt
        updatedAt = event.updatedAt
        version = event.version
        var texts = TranslationsColumn()
        texts.set("title", event.title)
        texts.set("description", event.description)
        translations = texts.json
    }

    public func model() throws -> Event {
        guard let kind = EventKind(rawValue: kind), let status = EventStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        var dates: DateRange?
        if let startsOn, let endsOn {
            guard let start = LocalDate(iso: startsOn), let end = LocalDate(iso: endsOn) else {
                throw StorageError.corruptRow(table: Self.tableName, id: id)
            }
            dates = DateRange(startsOn: start, endsOn: end)
        }
        let location = venue == nil && city == nil && country == nil ? nil : EventLocation(venue: venue, city: city, country: country)
        var registration: Event.Registration?
        if let registrationOpensAt, let registrationClosesAt {
            registration = Event.Registration(
                window: TimeWindow(opensAt: registrationOpensAt, closesAt: registrationClosesAt),
                maxParticipantsPerStakeholder: registrationMaxParticipants, openWhilePostponed: registrationOpenWhilePostponed)
        }
        var applications: Event.SideEventApplications?
        if let applicationsOpensAt, let applicationsClosesAt {
            applications = Event.SideEventApplications(
                window: TimeWindow(opensAt: applicationsOpensAt, closesAt: applicationsClosesAt),
                maxPerOrganizer: applicationsMaxPerOrganizer ?? 1)
        }
        let texts = TranslationsColumn(json: translations)
        return Event(
            id: EventID(unchecked: id), title: texts.text("title", plain: title) ?? LocalizedText(title), kind: kind, sessionNumber: sessionNumber,
            description: texts.text("description", plain: description),
            dates: dates, timezone: timezone, format: format.flatMap(MeetingFormat.init(rawValue:)), location: location,
            onlineURL: onlineUrl, parentEventID: parentEventId.map(EventID.init(unchecked:)),
            projectID: projectId.map(ProjectID.init(unchecked:)), region: region.flatMap(UNRegion.init(rawValue:)),
            topics: (JSONText.decode([String].self, topics) ?? []).compactMap(Topic.init(rawValue:)), status: status, statusReason: statusReason,
            registration: registration, sideEventApplications: applications, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}

// MARK: - Search

extension EventRecord: SearchIndexed {
    /// Every language of the title and of the description.
    public var searchColumns: [String: String] {
        let texts = TranslationsColumn(json: translations)
        return SearchColumns.event(
            title: texts.text("title", plain: title)?.allTexts ?? [], description: texts.text("description", plain: description)?.allTexts ?? []
        ).columns
    }
}

// MARK: - Schema

extension EventRecord {
    /// Migration "2026-12-02 event region and topics", the same on both stores: the regional group a
    /// meeting serves and its topics (a JSON array: events are few, so the filter reads the array
    /// instead of keeping a second table in step).
    public static let regionAndTopicsSchema = """
        ALTER TABLE event ADD COLUMN region TEXT;
        ALTER TABLE event ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
        CREATE INDEX event_by_region ON event(region, seq);
        """
}
