/// A named co-organiser's answer to being named on a side-event application.
///
/// Nobody is made a public co-organiser without saying yes: staff approve an application only once
/// every co-organiser has answered, and one who declines is not shown as an organiser.
public enum CoOrganizerConsent: String, Sendable, CaseIterable, Codable {
    case pending, confirmed, declined
}
