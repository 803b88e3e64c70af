/// The filters of the stakeholder list and its CSV export.
public struct StakeholderFilter: Sendable, Equatable {
    public var kind: StakeholderKind?
    public var country: String?
    public var region: UNRegion?
    public var topic: Topic?
    /// Only honoured for callers that may see non-public records; the public always sees `approved`.
    public var status: StakeholderStatus?
    public var memberOf: StakeholderID?
    /// Full-text query over name, acronym and description.
    public var query: String?

    public init(
        kind: StakeholderKind? = nil, country: String? = nil, region: UNRegion? = nil, topic: Topic? = nil,
        status: StakeholderStatus? = nil, memberOf: StakeholderID? = nil, query: String? = nil
    ) {
        self.kind = kind
        self.country = country
        self.region = region
        self.topic = topic
        self.status = status
        self.memberOf = memberOf
        self.query = query
    }
}
