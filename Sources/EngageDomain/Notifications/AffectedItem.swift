/// One of a recipient's own registrations, side-event applications or enrolments that a lifecycle
/// change of its event or workshop touches, with its status after the change.
public struct AffectedItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case eventRegistration = "event_registration"
        case sideEventApplication = "side_event_application"
        case workshopEnrolment = "workshop_enrolment"
    }

    public var kind: Kind
    public var id: String
    /// The status after the change, as the API names it.
    public var status: String

    public init(kind: Kind, id: String, status: String) {
        self.kind = kind
        self.id = id
        self.status = status
    }
}
