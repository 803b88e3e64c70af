/// The kinds of resource the change feed follows: the ones Engage notifies about.
public enum ChangeResourceType: String, Sendable, CaseIterable, Codable {
    case stakeholder
    case event
    case eventRegistration = "event_registration"
    case sideEventApplication = "side_event_application"
    case workshop
    case workshopEnrolment = "workshop_enrolment"
    case pilotInitiative = "pilot_initiative"
    case project
    case resource
    case announcement

    /// Whether every change to a resource of this type is public whatever its state: the programme
    /// (events, workshops, pilot initiatives), projects, knowledge resources and published announcements
    /// are readable by anyone. Stakeholders are public only while approved; participation never is.
    var isPublicKind: Bool {
        switch self {
        case .event, .workshop, .pilotInitiative, .project, .resource, .announcement: true
        case .stakeholder, .eventRegistration, .sideEventApplication, .workshopEnrolment: false
        }
    }
}
