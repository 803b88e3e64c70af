/// Where an application to organise a side event stands.
public enum SideEventApplicationStatus: String, Sendable, CaseIterable, Codable {
    case submitted, approved, rejected, withdrawn
    /// Closed because the event was cancelled while the application was undecided.
    case closed

    /// Whether it counts against the organiser's allowance for the event.
    public var isOpen: Bool { self == .submitted || self == .approved }

    /// The status after `decision`, or nil when it may not be taken from here.
    /// submitted → approved | rejected | withdrawn; approved → withdrawn.
    public func after(_ decision: ReviewDecision) -> SideEventApplicationStatus? {
        switch (self, decision) {
        case (.submitted, .approve): .approved
        case (.submitted, .reject): .rejected
        case (.submitted, .withdraw), (.approved, .withdraw): .withdrawn
        default: nil
        }
    }
}
