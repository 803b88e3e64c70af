import EngageDomain

/// Who may be named in a participation (co-organisers of a side event, participants of an initiative).
public enum Participation {
    /// Why a stakeholder named in a list cannot take part, or nil when it can. An unknown ID and one
    /// that is pending, rejected or suspended get the same answer, so the form reveals nothing about
    /// which organisations have applied.
    public static func listedStakeholderProblem(_ id: StakeholderID, status: String?) -> String? {
        status == StakeholderStatus.approved.rawValue ? nil : "\(id) is not an approved stakeholder"
    }
}
