import Foundation

/// The filters of the stakeholder list and its CSV export. A list of values means any of them (OR);
/// an empty list does not filter.
public struct StakeholderFilter: Sendable, Equatable {
    public var kinds: [StakeholderKind]
    public var country: String?
    public var regions: [UNRegion]
    public var topics: [Topic]
    /// Only honoured for callers that may see non-public records; the public always sees `approved`.
    public var statuses: [StakeholderStatus]
    public var memberOf: StakeholderID?
    /// Full-text query over name, acronym and description.
    public var query: String?
    /// Only records changed at or after this instant (`updated_since`, for synchronisation).
    public var updatedSince: Date?
    /// The order (`sort`); nil for the default: registration order, or relevance with a query.
    public var order: ListOrder?

    /// The orders the directory offers.
    public static let orders: [ListOrder.Field] = [.name, .createdAt, .updatedAt, .relevance]

    public init(
        kind: StakeholderKind? = nil, country: String? = nil, region: UNRegion? = nil, topic: Topic? = nil,
        status: StakeholderStatus? = nil, memberOf: StakeholderID? = nil, query: String? = nil
    ) {
        kinds = kind.map { [$0] } ?? []
        self.country = country
        regions = region.map { [$0] } ?? []
        topics = topic.map { [$0] } ?? []
        statuses = status.map { [$0] } ?? []
        self.memberOf = memberOf
        self.query = query
    }
}
