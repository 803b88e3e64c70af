import EngageDomain
import Foundation

/// Merging a duplicate record into the one that stays (the survivor): what is checked and what the
/// survivor becomes. The stores move what belonged to the duplicate (`StakeholderMergeSQL`).
public enum StakeholderMerge {
    /// Refuses merging a record into itself (422 naming `into`).
    public static func checkTarget(_ merged: StakeholderID, into survivor: StakeholderID) throws(DomainError) {
        if merged == survivor { throw .validation([FieldError(field: "into", message: "must be another stakeholder than \(merged)")]) }
    }

    /// Loads the survivor with `load`; one that does not exist is a bad reference in the body (422
    /// naming `into`), not a missing resource.
    public static func requireSurvivor<Loaded>(_ survivor: StakeholderID, _ load: () throws -> Loaded) throws -> Loaded {
        do {
            return try load()
        } catch DomainError.notFound {
            throw missingSurvivor(survivor)
        }
    }

    /// The 422 for a survivor that does not exist.
    public static func missingSurvivor(_ survivor: StakeholderID) -> DomainError {
        .validation([FieldError(field: "into", message: "\(survivor) is not a stakeholder")])
    }

    /// Refuses the merge while both hold an open registration for the same events.
    public static func checkConflicts(_ events: [EventID], merged: StakeholderID, survivor: StakeholderID) throws(DomainError) {
        guard !events.isEmpty else { return }
        throw .conflict(
            "\(merged) and \(survivor) are both registered for \(events.map(\.rawValue).joined(separator: ", ")); withdraw one registration of each first")
    }

    /// Refuses moving a network's members to a survivor that is not a network.
    public static func checkMembers(_ members: Int, survivor: Stakeholder) throws(DomainError) {
        if members > 0, survivor.kind != .network {
            throw .conflict("the duplicate is a network with \(members) member(s), and \(survivor.id) is not a network; make it one first, or move the members")
        }
    }

    /// The survivor after absorbing `merged` (read again after the move, with the memberships it took
    /// over): a new version, no longer flagged as a duplicate of either.
    public static func survivor(_ survivor: Stakeholder, absorbing merged: Stakeholder, now: Date) -> Stakeholder {
        var updated = survivor
        updated.possibleDuplicateOf.removeAll { $0 == merged.id || $0 == survivor.id }
        updated.updatedAt = now
        updated.version += 1
        return updated
    }

    /// The survivor's history entry.
    public static func entry(_ survivor: Stakeholder, absorbing merged: Stakeholder, actor: String, now: Date) -> StakeholderHistoryEntry {
        StakeholderHistoryEntry(
            stakeholderID: survivor.id, action: .merged, fromStatus: nil, toStatus: nil,
            reason: "\(merged.id) (\(merged.name), \(merged.status.rawValue)) was merged into this record", actor: actor, at: now)
    }

    /// The binds of `StakeholderMergeSQL`.
    public static func binds(_ merged: Stakeholder, into survivor: StakeholderID, actor: String, now: Date) -> [String: String] {
        ["merged": merged.id.rawValue, "survivor": survivor.rawValue, "name": merged.name, "status": merged.status.rawValue, "actor": actor,
         "at": Timestamp.format(now)]
    }
}
