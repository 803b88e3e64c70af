/// What `GET /v1/statistics/participation` counts and how it groups: the filters narrow the
/// activities (an event's registrations and side events, a workshop's enrolments), the dimensions
/// split the figures.
public struct ParticipationQuery: Sendable, Hashable {
    /// A way to split the figures.
    public enum Dimension: String, Sendable, CaseIterable, Codable {
        /// The organisation's kind, region and country (its approved values).
        case kind, region, country
        /// The participant's gender, where given (organisations and side events have none).
        case gender
        /// The event (registrations, side events) or workshop (enrolments) taken part in.
        case event, workshop
        /// `YYYY-MM` of the activity's first day.
        case month
    }

    public var projectID: ProjectID?
    public var eventID: EventID?
    public var workshopID: WorkshopID?
    /// Activities whose first day is on or after this date.
    public var from: LocalDate?
    /// Activities whose first day is on or before this date.
    public var to: LocalDate?
    /// One or two dimensions, in order; empty for the totals alone.
    public var groupBy: [Dimension]

    public init(
        projectID: ProjectID? = nil, eventID: EventID? = nil, workshopID: WorkshopID? = nil,
        from: LocalDate? = nil, to: LocalDate? = nil, groupBy: [Dimension] = []
    ) {
        self.projectID = projectID
        self.eventID = eventID
        self.workshopID = workshopID
        self.from = from
        self.to = to
        self.groupBy = groupBy
    }

    /// Whether event registrations and side events are counted (not when one workshop is asked for).
    public var includesEvents: Bool { workshopID == nil }

    /// Whether workshop enrolments are counted (not when one event is asked for).
    public var includesWorkshops: Bool { eventID == nil }

    /// The dimensions to group by, each once in the order first named, or nil when more than two are named.
    public static func grouping(_ dimensions: [Dimension]) -> [Dimension]? {
        var unique: [Dimension] = []
        for dimension in dimensions where !unique.contains(dimension) { unique.append(dimension) }
        return unique.count <= 2 ? unique : nil
    }
}
