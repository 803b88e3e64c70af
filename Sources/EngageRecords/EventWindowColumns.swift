import EngageDomain
import Foundation

extension EventWindow {
    /// The prefix of its `…_opens_at` and `…_closes_at` columns on `event`.
    public var columnPrefix: String { self == .registration ? "registration" : "applications" }

    /// The event statuses in which the window is open: registration also while postponed when the event says so.
    public var openStatuses: String {
        self == .registration
            ? "(e.status = 'scheduled' OR (e.status = 'postponed' AND e.registration_open_while_postponed))"
            : "e.status = 'scheduled'"
    }
}
