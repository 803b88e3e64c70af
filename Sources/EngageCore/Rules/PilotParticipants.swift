import EngageDomain
import Foundation

/// Who may join or leave a pilot initiative, and what its history says of it. The stores check that
/// a joining stakeholder is approved; these decide the rest and write nothing.
public enum PilotParticipants {
    /// Refuses adding `stakeholder` to `initiative`: a completed initiative no longer changes, and no one joins twice.
    public static func checkAdding(_ stakeholder: StakeholderID, to initiative: PilotInitiative) throws(DomainError) {
        try requireOpen(initiative)
        if initiative.participants.contains(where: { $0.stakeholderID == stakeholder }) {
            throw .duplicate("\(stakeholder) already takes part in \(initiative.id)", existingID: stakeholder.rawValue)
        }
    }

    /// Refuses removing `stakeholder` from `initiative`: 404 when it does not take part.
    public static func checkRemoving(_ stakeholder: StakeholderID, from initiative: PilotInitiative) throws(DomainError) {
        try requireOpen(initiative)
        guard initiative.participants.contains(where: { $0.stakeholderID == stakeholder }) else {
            throw .notFound(resource: "participant", id: stakeholder.rawValue)
        }
    }

    /// The history entry of a participant joining (`role` given) or leaving (nil).
    public static func entry(
        _ initiative: PilotInitiativeID, _ stakeholder: StakeholderID, joined role: PilotParticipant.Role?, actor: String, at now: Date
    ) -> HistoryEntry {
        HistoryEntry(subjectID: initiative.rawValue, action: role == nil ? .participantRemoved : .participantAdded,
                     changedFields: ["participants"], stakeholderID: stakeholder, actor: actor, at: now)
    }

    private static func requireOpen(_ initiative: PilotInitiative) throws(DomainError) {
        if initiative.status == .completed { throw .conflict("\(initiative.id) is completed; its participants no longer change") }
    }
}
