import Foundation

/// One recorded change of an event: who, when, what and why.
public struct EventHistoryEntry: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable, Codable {
        case created, updated, postponed, rescheduled, cancelled, completed
    }

    public var id: HistoryEntryID
    public var eventID: EventID
    public var action: Action
    public var fromStatus: EventStatus?
    public var toStatus: EventStatus?
    public var reason: String?
    public var changedFields: [String]
    /// The dates before and after the change, for actions that move them.
    public var previousDates: DateRange?
    public var dates: DateRange?
    public var actor: String
    public var at: Date

    public init(
        id: HistoryEntryID = .generate(), eventID: EventID, action: Action, fromStatus: EventStatus?, toStatus: EventStatus?,
        reason: String? = nil, changedFields: [String] = [], previousDates: DateRange? = nil, dates: DateRange? = nil,
        actor: String, at: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.reason = reason
        self.changedFields = changedFields
        self.previousDates = previousDates
        self.dates = dates
        self.actor = actor
        self.at = at
    }
}
