import EngageCore
import EngageDomain
import Hummingbird

/// Who may act on and see registrations and applications: staff (and, for reading, any API key)
/// see all of them; a stakeholder, with its access token, only its own.
extension EngageRequestContext {
    /// Staff, or the stakeholder itself, may act for `stakeholder`.
    func requireActing(for stakeholder: StakeholderID, _ action: String) throws {
        if principal == .anonymous { throw Problem.unauthorized("to \(action), use a staff key or the stakeholder's access token") }
        guard principal.isStaff || principal.isStakeholder(stakeholder) else {
            throw Problem.forbidden("only staff or \(stakeholder) itself may \(action)")
        }
    }

    /// Who is editing: staff, or the organisation itself (held to its windows).
    var editor: Editor { principal.isStaff ? .staff : .organisation }

    /// The stakeholder a list is limited to: the caller itself when it is a stakeholder,
    /// otherwise the `stakeholder_id` the API key holder asked for (if any).
    func listScope(requested: StakeholderID?) throws -> StakeholderID? {
        switch principal {
        case .anonymous:
            throw Problem.unauthorized("use an API key, or a stakeholder's access token to see its own")
        case .stakeholder(let own):
            if let requested, requested != own { throw Problem.forbidden("a stakeholder may list only its own") }
            return own
        case .apiKey:
            return requested
        }
    }

    /// Whether the caller may see an item that belongs to `owners`.
    func maySee(ownedBy owners: (StakeholderID) -> Bool) -> Bool {
        if principal.canReadPrivateData { return true }
        if case .stakeholder(let id) = principal { return owners(id) }
        return false
    }
}
