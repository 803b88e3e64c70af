import EngageDomain
import Foundation

/// A history entry of an event, a workshop or a pilot initiative, as the API shows it.
struct HistoryResponse: Encodable, Sendable {
    var id: String
    var action: String
    var fromStatus: String?
    var toStatus: String?
    var reason: String?
    var changedFields: [String]
    var previousStartsOn: String?
    var previousEndsOn: String?
    var startsOn: String?
    var endsOn: String?
    var actor: String
    var at: Date

    init(_ entry: HistoryEntry) {
        id = entry.id.rawValue
        action = entry.action.rawValue
        fromStatus = entry.fromStatus
        toStatus = entry.toStatus
        reason = entry.reason
        changedFields = entry.changedFields
        previousStartsOn = entry.previousDates?.startsOn.description
        previousEndsOn = entry.previousDates?.endsOn.description
        startsOn = entry.dates?.startsOn.description
        endsOn = entry.dates?.endsOn.description
        actor = entry.actor
        at = entry.at
    }
}
