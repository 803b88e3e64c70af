/// Where a participation registration stands.
public enum RegistrationStatus: String, Sendable, CaseIterable, Codable {
    case pending, approved, rejected, withdrawn
    /// Closed because the event was cancelled while the registration was pending.
    case closed

    /// Whether it still holds the stakeholder's place (one open registration per stakeholder and event).
    public var isOpen: Bool { self == .pending || self == .approved }

    /// The status after `decision`, or nil when it may not be taken from here.
    /// pending → approved | rejected | withdrawn; approved → withdrawn.
    public func after(_ decision: ReviewDecision) -> RegistrationStatus? {
        switch (self, decision) {
        case (.pending, .approve): .approved
        case (.pending, .reject): .rejected
        case (.pending, .withdraw), (.approved, .withdraw): .withdrawn
        default: nil
        }
    }
}
