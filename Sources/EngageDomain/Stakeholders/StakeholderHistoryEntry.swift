import Foundation

/// One recorded change of a stakeholder: who, when, what and why.
public struct StakeholderHistoryEntry: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable, Codable {
        case registered, updated, approved, rejected, suspended
        case accessTokenReissued = "access_token_reissued"
        case changesProposed = "changes_proposed"
        case changesApproved = "changes_approved"
        case changesRejected = "changes_rejected"
        case erased
        case resubmitted
        /// Another record of the same organisation was merged into this one (the reason names it).
        case merged
    }

    public var id: HistoryEntryID
    public var stakeholderID: StakeholderID
    public var action: Action
    public var fromStatus: StakeholderStatus?
    public var toStatus: StakeholderStatus?
    public var reason: String?
    /// The changed fields, for `updated` entries.
    public var changedFields: [String]
    public var actor: String
    public var at: Date

    public init(
        id: HistoryEntryID = .generate(), stakeholderID: StakeholderID, action: Action,
        fromStatus: StakeholderStatus?, toStatus: StakeholderStatus?, reason: String?,
        changedFields: [String] = [], actor: String, at: Date
    ) {
        self.id = id
        self.stakeholderID = stakeholderID
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.reason = reason
        self.changedFields = changedFields
        self.actor = actor
        self.at = at
    }
}
