import Foundation

/// What a message says, in no language yet: the facts its template fills in, taken when the change
/// was made (so a mail sent after a retry still tells what happened then).
public struct MailContext: Sendable, Equatable, Codable {
    /// The organisation the change concerns.
    public var organisation: String?
    /// The event, workshop, pilot initiative or resource concerned (for a registration, its event).
    public var title: String?
    /// Its dates, `YYYY-MM-DD`; nil while undecided.
    public var startsOn: String?
    public var endsOn: String?
    /// The status after the change, as the API names it.
    public var status: String?
    /// The reason given for the change.
    public var reason: String?
    /// The person whose seat it is (an enrolment's participant).
    public var participant: String?
    /// The place on a waiting list.
    public var position: Int?
    /// For a move on a waiting list: the place before.
    public var previousPosition: Int?
    /// For a lifecycle move: the dates it had before (`YYYY-MM-DD`).
    public var previousStartsOn: String?
    public var previousEndsOn: String?
    /// For an announcement: its title and text in each language it was written in (language code → text).
    public var localizedTitle: [String: String]?
    public var localizedBody: [String: String]?
    /// The enrolment a workshop-enrolment message is about: its certificate's link is made from it when the mail is written.
    public var enrolmentID: String?

    public init(
        organisation: String? = nil, title: String? = nil, startsOn: String? = nil, endsOn: String? = nil, status: String? = nil,
        reason: String? = nil, participant: String? = nil, position: Int? = nil, previousStartsOn: String? = nil, previousEndsOn: String? = nil
    ) {
        self.previousStartsOn = previousStartsOn
        self.previousEndsOn = previousEndsOn
        self.organisation = organisation
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.reason = reason
        self.participant = participant
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case organisation, title, status, reason, participant, position
        case previousPosition = "previous_position"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case previousStartsOn = "previous_starts_on"
        case previousEndsOn = "previous_ends_on"
        case localizedTitle = "localized_title"
        case localizedBody = "localized_body"
        case enrolmentID = "enrolment_id"
    }
}
