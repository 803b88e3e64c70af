import Foundation

/// One recorded change of an event, a workshop, a pilot initiative, a registration or a side-event
/// application: who, when, what and why, with the dates before and after when they moved.
public struct HistoryEntry: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable, Codable {
        case created, updated, postponed, rescheduled, cancelled, completed
        case statusChanged = "status_changed"
        /// A pilot initiative's participants: `stakeholderID` says whose.
        case participantAdded = "participant_added"
        case participantRemoved = "participant_removed"
    }

    public var id: HistoryEntryID
    /// The ID of the event, workshop, initiative, registration or application.
    public var subjectID: String
    public var action: Action
    public var fromStatus: String?
    public var toStatus: String?
    public var reason: String?
    public var changedFields: [String]
    public var previousDates: DateRange?
    public var dates: DateRange?
    /// The organisation a participant change concerns.
    public var stakeholderID: StakeholderID?
    public var actor: String
    public var at: Date

    public init(
        id: HistoryEntryID = .generate(), subjectID: String, action: Action, fromStatus: String? = nil, toStatus: String? = nil,
        reason: String? = nil, changedFields: [String] = [], previousDates: DateRange? = nil, dates: DateRange? = nil,
        stakeholderID: StakeholderID? = nil, actor: String, at: Date
    ) {
        self.id = id
        self.subjectID = subjectID
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.reason = reason
        self.changedFields = changedFields
        self.previousDates = previousDates
        self.dates = dates
        self.stakeholderID = stakeholderID
        self.actor = actor
        self.at = at
    }
}
