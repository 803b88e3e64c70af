import Foundation

/// A training workshop (such as the SE4U series): limited seats, a waiting list, attendance.
public struct Workshop: Sendable, Equatable {
    public var id: WorkshopID
    public var title: LocalizedText
    public var series: String?
    public var description: LocalizedText?
    /// The workshop's own page (an http or https URL).
    public var website: String?
    /// The learning outcomes.
    public var objectives: [LocalizedText]
    public var region: UNRegion?
    public var country: String?
    public var dates: DateRange?
    public var timezone: String?
    public var format: MeetingFormat?
    public var location: EventLocation?
    public var languages: [String]
    public var capacity: Int
    public var enrolment: TimeWindow?
    /// Applicants from these countries go ahead of others on the waiting list.
    public var priorityCountries: [String]
    public var projectID: ProjectID?
    public var status: EventStatus
    public var statusReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: WorkshopID = .generate(), title: LocalizedText, series: String? = nil, description: LocalizedText? = nil, website: String? = nil,
        objectives: [LocalizedText] = [],
        region: UNRegion? = nil, country: String? = nil, dates: DateRange? = nil, timezone: String? = nil, format: MeetingFormat? = nil,
        location: EventLocation? = nil, languages: [String] = [], capacity: Int, enrolment: TimeWindow? = nil, priorityCountries: [String] = [],
        projectID: ProjectID? = nil, status: EventStatus = .scheduled, statusReason: String? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.title = title
        self.series = series
        self.description = description
        self.website = website
        self.objectives = objectives
        self.region = region
        self.country = country
        self.dates = dates
        self.timezone = timezone
        self.format = format
        self.location = location
        self.languages = languages
        self.capacity = capacity
        self.enrolment = enrolment
        self.priorityCountries = priorityCountries
        self.projectID = projectID
        self.status = status
        self.statusReason = statusReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    // MARK: Rules

    /// Why nobody can enrol at `now`, or nil when enrolment is open.
    public func enrolmentRefusal(at now: Date) -> String? {
        if status.isClosed { return "\(id) is \(status.rawValue); it takes no enrolments" }
        guard let enrolment else { return "\(id) takes no enrolments" }
        return enrolment.refusal("enrolment for \(id)", at: now)
    }

    /// Why attendance cannot be taken on `today`; nil once the workshop has begun.
    public func startRefusal(today: LocalDate) -> String? {
        DateRange.notBegun(dates, today: today).map { "\(id) \($0); it has not begun" }
    }
}

/// The filters of the workshop list.
public struct WorkshopFilter: Sendable, Equatable {
    /// Workshops in any of these statuses (a list of values means any of them; empty does not filter).
    public var statuses: [EventStatus]
    public var series: String?
    public var country: String?
    public var regions: [UNRegion]
    public var projectID: ProjectID?
    /// Only workshops changed at or after this instant (`updated_since`).
    public var updatedSince: Date?
    /// The order (`sort`); nil for the default, by start date (undated last).
    public var order: ListOrder?

    /// The orders the workshop list offers.
    public static let orders: [ListOrder.Field] = [.startsOn, .createdAt, .updatedAt]

    public init(statuses: [EventStatus] = [], series: String? = nil, country: String? = nil, regions: [UNRegion] = [], projectID: ProjectID? = nil) {
        self.statuses = statuses
        self.series = series
        self.country = country
        self.regions = regions
        self.projectID = projectID
    }
}

/// Seats taken and waiting.
public struct SeatCounts: Sendable, Equatable {
    public var confirmed: Int
    public var waitlisted: Int

    public init(confirmed: Int, waitlisted: Int) {
        self.confirmed = confirmed
        self.waitlisted = waitlisted
    }
}

/// A workshop with its seat counts.
public struct WorkshopSummary: Sendable, Equatable {
    public var workshop: Workshop
    public var seats: SeatCounts

    public init(workshop: Workshop, seats: SeatCounts) {
        self.workshop = workshop
        self.seats = seats
    }
}

// MARK: - Fields

extension Workshop: FieldListed {
    public static var editableFields: [ModelField<Workshop>] {
        [
            ModelField("title", \.title), ModelField("series", \.series), ModelField("description", \.description),
            ModelField("website", \.website), ModelField("objectives", \.objectives), ModelField("region", \.region), ModelField("country", \.country),
            ModelField("starts_on", \.dates?.startsOn, property: "dates"), ModelField("ends_on", \.dates?.endsOn, property: "dates"),
            ModelField("timezone", \.timezone), ModelField("format", \.format), ModelField("location", \.location),
            ModelField("languages", \.languages), ModelField("capacity", \.capacity), ModelField("enrolment", \.enrolment),
            ModelField("priority_countries", \.priorityCountries), ModelField("project_id", \.projectID),
        ]
    }

    public static var bookkeepingProperties: Set<String> { ["id", "status", "statusReason", "createdAt", "updatedAt", "version"] }
}
