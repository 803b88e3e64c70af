import Foundation

/// Which of an event's windows.
public enum EventWindow: String, Sendable, CaseIterable {
    case registration
    case sideEventApplications = "side_event_applications"

    /// The notification its opening sends.
    public var notification: NotificationType {
        switch self {
        case .registration: .registrationOpened
        case .sideEventApplications: .applicationsOpened
        }
    }
}
