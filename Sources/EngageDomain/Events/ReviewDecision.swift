/// A decision on an application-like item: staff approve or reject it, its owner withdraws it.
public enum ReviewDecision: String, Sendable, CaseIterable {
    case approve, reject, withdraw

    /// "approved", "rejected", "withdrawn".
    public var pastTense: String {
        switch self {
        case .approve: "approved"
        case .reject: "rejected"
        case .withdraw: "withdrawn"
        }
    }

    /// Rejections must say why.
    public var requiresReason: Bool { self == .reject }

    /// Whether only staff may take it (withdrawal is also the owner's).
    public var isStaffOnly: Bool { self != .withdraw }
}
