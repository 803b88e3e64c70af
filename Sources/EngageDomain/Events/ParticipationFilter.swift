/// The filters of registration and side-event application lists.
public struct ParticipationFilter<Status: Sendable & Equatable>: Sendable, Equatable {
    public var status: Status?
    /// Only items of this stakeholder (for applications: as organiser or co-organiser).
    public var stakeholderID: StakeholderID?

    public init(status: Status? = nil, stakeholderID: StakeholderID? = nil) {
        self.status = status
        self.stakeholderID = stakeholderID
    }
}
