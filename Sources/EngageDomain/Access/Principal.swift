/// Who is calling: nobody, an API key holder, or a registered stakeholder with its access token.
public enum Principal: Sendable, Equatable {
    case anonymous
    case apiKey(id: APIKeyID, role: Role)
    case stakeholder(StakeholderID)

    /// The role of an API key holder; nil for anonymous callers and stakeholders.
    public var role: Role? {
        if case .apiKey(_, let role) = self { return role }
        return nil
    }

    /// Staff and admins: may manage content and review.
    public var isStaff: Bool { role?.canManageContent ?? false }

    /// Any API key holder: may read non-public fields of every record.
    public var canReadPrivateData: Bool { role != nil }

    /// Whether the caller is the given stakeholder itself.
    public func isStakeholder(_ id: StakeholderID) -> Bool { self == .stakeholder(id) }

    /// A stable, non-secret name for audit trails and logs (`key_…`, `stk_…`, `anonymous`).
    public var actor: String {
        switch self {
        case .anonymous: "anonymous"
        case .apiKey(let id, _): id.rawValue
        case .stakeholder(let id): id.rawValue
        }
    }
}
