import EngageDomain

/// Who may be named in a participation (co-organisers of a side event, participants of an initiative).
public enum Participation {
    /// Why a stakeholder named in a list cannot take part, or nil when it can. An unknown ID and one
    /// that is pending, rejected or suspended get the same answer, so the form reveals nothing about
    /// which organisations have applied.
    /// Why staff may not approve `application` yet, or nil: every named co-organiser must have answered.
    public static func approvalRefusal(_ application: SideEventApplication) -> String? {
        let waiting = application.coOrganizersAwaitingConsent
        guard !waiting.isEmpty else { return nil }
        return "waiting for the consent of co-organiser(s) \(waiting.map(\.rawValue).joined(separator: ", ")); each confirms or declines with its own token"
    }

    /// Why `stakeholder` may not answer for `application` now, or nil.
    public static func consentRefusal(_ application: SideEventApplication, by stakeholder: StakeholderID) -> String? {
        guard application.coOrganizers.contains(stakeholder) else { return "\(stakeholder) is not named as a co-organiser of \(application.id)" }
        guard application.status == .submitted else { return "a \(application.status.rawValue) application takes no more answers from co-organisers" }
        return nil
    }

    public static func listedStakeholderProblem(_ id: StakeholderID, status: String?) -> String? {
        status == StakeholderStatus.approved.rawValue ? nil : "\(id) is not an approved stakeholder"
    }
}
