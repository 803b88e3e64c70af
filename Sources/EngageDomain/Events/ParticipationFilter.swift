import Foundation

/// The filters of registration, side-event application and enrolment lists.
public struct ParticipationFilter<Status: Sendable & Equatable>: Sendable, Equatable {
    /// The orders the participation lists offer.
    public static var orders: [ListOrder.Field] { [.createdAt, .updatedAt] }

    /// Items in any of these statuses; empty does not filter.
    public var statuses: [Status]
    /// Only items of this stakeholder (for applications: as organiser or co-organiser).
    public var stakeholderID: StakeholderID?
    /// The order (`sort`); nil for creation order.
    public var order: ListOrder?
    /// Only items changed at or after this instant (`updated_since`).
    public var updatedSince: Date?

    public init(statuses: [Status] = [], stakeholderID: StakeholderID? = nil) {
        self.statuses = statuses
        self.stakeholderID = stakeholderID
    }

    /// This filter, for `stakeholder`'s items only.
    public func of(_ stakeholder: StakeholderID) -> Self {
        var scoped = self
        scoped.stakeholderID = stakeholder
        return scoped
    }
}
