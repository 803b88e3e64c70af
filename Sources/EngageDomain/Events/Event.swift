import Foundation

/// An intergovernmental meeting, or a side event around one.
public struct Event: Sendable, Equatable {
    /// When stakeholders may register delegates, and how many each.
    public struct Registration: Sendable, Hashable {
        public var window: TimeWindow
        /// nil: no limit per stakeholder.
        public var maxParticipantsPerStakeholder: Int?
        /// Staff keep registration open while the event is postponed (by default it pauses).
        public var openWhilePostponed: Bool

        public init(window: TimeWindow, maxParticipantsPerStakeholder: Int?, openWhilePostponed: Bool = false) {
            self.window = window
            self.maxParticipantsPerStakeholder = maxParticipantsPerStakeholder
            self.openWhilePostponed = openWhilePostponed
        }
    }

    /// When stakeholders may apply to organise side events, and how many each.
    public struct SideEventApplications: Sendable, Hashable {
        public var window: TimeWindow
        /// Open applications (submitted or approved) one organiser may hold; staff raise it to allow more.
        public var maxPerOrganizer: Int

        public init(window: TimeWindow, maxPerOrganizer: Int = 1) {
            self.window = window
            self.maxPerOrganizer = maxPerOrganizer
        }
    }

    public var id: EventID
    public var title: LocalizedText
    public var kind: EventKind
    public var sessionNumber: Int?
    public var description: LocalizedText?
    /// nil while a postponed event has no new dates (or dates are not yet announced).
    public var dates: DateRange?
    public var timezone: String?
    public var format: MeetingFormat?
    public var location: EventLocation?
    public var onlineURL: String?
    public var parentEventID: EventID?
    /// The donor-funded project the event belongs to.
    public var projectID: ProjectID?
    /// The UN regional group a regional meeting serves; nil for a global one.
    public var region: UNRegion?
    /// What the meeting is about, from the shared vocabulary.
    public var topics: [Topic]
    public var status: EventStatus
    /// Why the event was last postponed or cancelled.
    public var statusReason: String?
    public var registration: Registration?
    public var sideEventApplications: SideEventApplications?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: EventID = .generate(), title: LocalizedText, kind: EventKind, sessionNumber: Int? = nil, description: LocalizedText? = nil,
        dates: DateRange? = nil, timezone: String? = nil, format: MeetingFormat? = nil, location: EventLocation? = nil,
        onlineURL: String? = nil, parentEventID: EventID? = nil, projectID: ProjectID? = nil, region: UNRegion? = nil, topics: [Topic] = [],
        status: EventStatus = .scheduled, statusReason: String? = nil,
        registration: Registration? = nil, sideEventApplications: SideEventApplications? = nil,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.sessionNumber = sessionNumber
        self.description = description
        self.dates = dates
        self.timezone = timezone
        self.format = format
        self.location = location
        self.onlineURL = onlineURL
        self.parentEventID = parentEventID
        self.projectID = projectID
        self.region = region
        self.topics = topics
        self.status = status
        self.statusReason = statusReason
        self.registration = registration
        self.sideEventApplications = sideEventApplications
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    // MARK: Rules

    /// Why a stakeholder cannot register delegates at `now`, or nil when it can.
    public func registrationRefusal(at now: Date) -> String? {
        if status.isClosed { return "\(id) is \(status.rawValue); it takes no registrations" }
        guard let registration else { return "\(id) takes no participation registrations" }
        if status == .postponed, !registration.openWhilePostponed {
            return "\(id) is postponed; registration reopens when it is rescheduled (staff may keep it open: registration.open_while_postponed)"
        }
        return registration.window.refusal("registration for \(id)", at: now)
    }

    /// The first moment after the event: the start of the day after `ends_on` in its time zone
    /// (or the last time zone on Earth, UTC−12, when it has none); nil without dates.
    public var endsAt: Date? {
        guard let dates else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: -12 * 3600)!
        let day = dates.endsOn.adding(days: 1)
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// Windows that stay open after the event has ended, each named: they must close by its end.
    public var windowErrors: [FieldError] {
        guard let endsAt else { return [] }
        var errors: [FieldError] = []
        let end = Timestamp.format(endsAt)
        if let registration, registration.window.closesAt > endsAt {
            errors.append(FieldError(field: "registration.closes_at", message: "must be no later than the end of the event (\(end))"))
        }
        if let applications = sideEventApplications, applications.window.closesAt > endsAt {
            errors.append(FieldError(field: "side_event_applications.closes_at", message: "must be no later than the end of the event (\(end))"))
        }
        return errors
    }

    /// Why a stakeholder cannot apply to organise a side event at `now`, or nil when it can.
    public func applicationRefusal(at now: Date) -> String? {
        if status.isClosed { return "\(id) is \(status.rawValue); it takes no side-event applications" }
        if parentEventID != nil { return "\(id) is itself a side event; it takes no side-event applications" }
        guard let sideEventApplications else { return "\(id) takes no side-event applications" }
        return sideEventApplications.window.refusal("the side-event application period for \(id)", at: now)
    }
}

// MARK: - Fields

extension Event: FieldListed {
    public static var editableFields: [ModelField<Event>] {
        [
            ModelField("title", \.title), ModelField("kind", \.kind), ModelField("session_number", \.sessionNumber),
            ModelField("description", \.description),
            ModelField("starts_on", \.dates?.startsOn, property: "dates"), ModelField("ends_on", \.dates?.endsOn, property: "dates"),
            ModelField("timezone", \.timezone), ModelField("format", \.format), ModelField("location", \.location),
            ModelField("online_url", \.onlineURL), ModelField("parent_event_id", \.parentEventID), ModelField("project_id", \.projectID),
            ModelField("region", \.region), ModelField("topics", \.topics),
            ModelField("registration", \.registration), ModelField("side_event_applications", \.sideEventApplications),
        ]
    }

    public static var bookkeepingProperties: Set<String> { ["id", "status", "statusReason", "createdAt", "updatedAt", "version"] }
}
