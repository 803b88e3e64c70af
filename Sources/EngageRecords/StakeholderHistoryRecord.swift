import EngageDomain
import Foundation

/// A row of the `stakeholder_history` table.
public struct StakeholderHistoryRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "stakeholder_history"

    public var seq: Int64?
    public var id: String
    public var stakeholderId: String
    public var action: String
    public var fromStatus: String?
    public var toStatus: String?
    public var reason: String?
    public var changedFields: String
    public var actor: String
    public var at: Date

    // MARK: Mapping

    public init(_ entry: StakeholderHistoryEntry) {
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

    public func model() throws -> StakeholderHistoryEntry {
        guard let action = StakeholderHistoryEntry.Action(rawValue: action) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
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
