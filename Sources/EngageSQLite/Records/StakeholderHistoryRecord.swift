import EngageDomain
import Foundation
import GRDB

/// A row of the `stakeholder_history` table.
struct StakeholderHistoryRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "stakeholder_history"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var stakeholderId: String
    var action: String
    var fromStatus: String?
    var toStatus: String?
    var reason: String?
    var changedFields: String
    var actor: String
    var at: Date

    // MARK: Mapping

    init(_ entry: StakeholderHistoryEntry) {
        id = entry.id.rawValue
        stakeholderId = entry.stakeholderID.rawValue
        action = entry.action.rawValue
        fromStatus = entry.fromStatus?.rawValue
        toStatus = entry.toStatus?.rawValue
        reason = entry.reason
        changedFields = JSONText.encode(entry.changedFields)
        actor = entry.actor
        at = entry.at
    }

    func model() throws -> StakeholderHistoryEntry {
        guard let action = StakeholderHistoryEntry.Action(rawValue: action) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, id: id)
        }
        let fields = JSONText.decode([String].self, changedFields) ?? []
        return StakeholderHistoryEntry(
            id: HistoryEntryID(unchecked: id), stakeholderID: StakeholderID(unchecked: stakeholderId), action: action,
            fromStatus: fromStatus.flatMap(StakeholderStatus.init(rawValue:)),
            toStatus: toStatus.flatMap(StakeholderStatus.init(rawValue:)),
            reason: reason, changedFields: fields, actor: actor, at: at
        )
    }
}
