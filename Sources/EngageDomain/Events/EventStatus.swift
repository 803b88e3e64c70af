/// Where an event stands. Staff move it with the lifecycle actions; it is never written directly.
public enum EventStatus: String, Sendable, CaseIterable, Codable {
    case scheduled
    case postponed
    case cancelled
    case completed

    /// Whether the event has ended for good: nothing can be registered or applied for.
    public var isClosed: Bool { self == .cancelled || self == .completed }
}

/// A lifecycle action on an event (or a workshop).
public enum LifecycleAction: String, Sendable, CaseIterable {
    case postpone, reschedule, cancel, complete

    /// The status the action leads to.
    public var target: EventStatus {
        switch self {
        case .postpone: .postponed
        case .reschedule: .scheduled
        case .cancel: .cancelled
        case .complete: .completed
        }
    }

    /// Whether the action may be taken from `status`.
    ///
    /// scheduled → postponed | cancelled | completed | scheduled (moved to new dates);
    /// postponed → postponed (again) | scheduled | cancelled. Cancelled and completed are final.
    public func allowed(from status: EventStatus) -> Bool {
        switch (status, self) {
        case (.scheduled, _): true
        case (.postponed, .postpone), (.postponed, .reschedule), (.postponed, .cancel): true
        default: false
        }
    }
}
