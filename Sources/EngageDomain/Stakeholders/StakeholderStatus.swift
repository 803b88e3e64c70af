/// Where a stakeholder's registration stands in review.
public enum StakeholderStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case approved
    case rejected
    case suspended

    /// A review decision staff can take.
    public enum Decision: String, Sendable, CaseIterable {
        case approve, reject, suspend

        /// The status the decision leads to.
        public var target: StakeholderStatus {
            switch self {
            case .approve: .approved
            case .reject: .rejected
            case .suspend: .suspended
            }
        }

        /// Whether the decision must give a reason.
        public var requiresReason: Bool { self != .approve }
    }

    /// Whether `decision` may be taken from this status.
    ///
    /// pending → approved | rejected; approved → suspended; suspended → approved (reinstated).
    /// A rejection is final for staff; the organisation itself may resubmit (`canResubmit`).
    public func allows(_ decision: Decision) -> Bool {
        switch (self, decision) {
        case (.pending, .approve), (.pending, .reject), (.approved, .suspend), (.suspended, .approve): true
        default: false
        }
    }

    /// Whether the organisation may submit its registration again (rejected → pending), with corrections.
    public var canResubmit: Bool { self == .rejected }
}
