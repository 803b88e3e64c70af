import EngageDomain
import Foundation
import GRDB

/// A row of the `event_history` table.
struct EventHistoryRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "event_history"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var eventId: String
    var action: String
    var fromStatus: String?
    var toStatus: String?
    var reason: String?
    var changedFields: String
    var previousStartsOn: String?
    var previousEndsOn: String?
    var startsOn: String?
    var endsOn: String?
    var actor: String
    var at: Date

    // MARK: Mapping

    init(_ entry: EventHistoryEntry) {
        id = entry.id.rawValue
        eventId = entry.eventID.rawValue
        action = entry.action.rawValue
        fromStatus = entry.fromStatus?.rawValue
        toStatus = entry.toStatus?.rawValue
        reason = entry.reason
        changedFields = JSONText.encode(entry.changedFields)
        previousStartsOn = entry.previousDates?.startsOn.description
        previousEndsOn = entry.previousDates?.endsOn.description
        startsOn = entry.dates?.startsOn.description
        endsOn = entry.dates?.endsOn.description
        actor = entry.actor
        at = entry.at
    }

    func model() throws -> EventHistoryEntry {
        guard let action = EventHistoryEntry.Action(rawValue: action) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        return EventHistoryEntry(
            id: HistoryEntryID(unchecked: id), eventID: EventID(unchecked: eventId), action: action,
            fromStatus: fromStatus.flatMap(EventStatus.init(rawValue:)), toStatus: toStatus.flatMap(EventStatus.init(rawValue:)),
            reason: reason, changedFields: JSONText.decode([String].self, changedFields) ?? [],
            previousDates: Self.range(previousStartsOn, previousEndsOn), dates: Self.range(startsOn, endsOn),
            actor: actor, at: at
        )
    }

    private static func range(_ start: String?, _ end: String?) -> DateRange? {
        guard let start = start.flatMap(LocalDate.init(iso:)), let end = end.flatMap(LocalDate.init(iso:)) else { return nil }
        return DateRange(startsOn: start, endsOn: end)
    }
}
