import Foundation

/// The filters of the event list and calendar feed. A list of values means any of them (OR); an empty
/// list does not filter.
public struct EventFilter: Sendable, Equatable {
    public var kinds: [EventKind]
    public var statuses: [EventStatus]
    /// Events overlapping [from, to] (either bound may be open). Undated events never match a range.
    public var from: LocalDate?
    public var to: LocalDate?
    public var parentEventID: EventID?
    public var country: String?
    /// Free text over title and description.
    public var query: String?
    /// Only events with dates (the calendar feed).
    public var datedOnly = false
    /// Events for any of these UN regional groups (global meetings have none).
    public var regions: [UNRegion] = []
    /// Events about any of these topics.
    public var topics: [Topic] = []
    /// Only events of this project.
    public var projectID: ProjectID?
    /// Only events changed at or after this instant (`updated_since`, for synchronisation).
    public var updatedSince: Date?
    /// The order (`sort`); nil for the default: by start date, or relevance with a query.
    public var order: ListOrder?

    /// The orders the event list offers.
    public static let orders: [ListOrder.Field] = [.startsOn, .createdAt, .updatedAt, .relevance]

    public init(
        kind: EventKind? = nil, status: EventStatus? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
        parentEventID: EventID? = nil, country: String? = nil, query: String? = nil
    ) {
        kinds = kind.map { [$0] } ?? []
        statuses = status.map { [$0] } ?? []
        self.from = from
        self.to = to
        self.parentEventID = parentEventID
        self.country = country
        self.query = query
    }

    /// Whether the range ends before it starts: valid, and nothing overlaps it.
    public var isEmptyRange: Bool {
        if let from, let to { return to < from }
        return false
    }
}
