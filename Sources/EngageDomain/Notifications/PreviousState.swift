import Foundation

/// What an event or workshop was before a lifecycle change: told beside the new state, so a
/// receiver can say "the session planned for 12–16 May is postponed" without having kept a copy.
public struct PreviousState: Sendable, Equatable, Codable {
    public var status: String
    /// `YYYY-MM-DD`, nil when it had no dates.
    public var startsOn: String?
    public var endsOn: String?
    /// For a waitlisted enrolment: its place on the list before (then there are no dates to tell).
    public var waitlistPosition: Int?
    /// For a merge: the ID of the record merged into this one (and `status` its status then).
    public var mergedID: String?

    public init(status: String, dates: DateRange?) {
        self.status = status
        startsOn = dates?.startsOn.description
        endsOn = dates?.endsOn.description
    }

    /// A waitlisted enrolment's place before it moved.
    public init(waitlistPosition: Int) {
        status = EnrolmentStatus.waitlisted.rawValue
        self.waitlistPosition = waitlistPosition
    }

    /// The record merged into the one the notification carries.
    public init(merged: Stakeholder) {
        status = merged.status.rawValue
        mergedID = merged.id.rawValue
    }

    /// The event before the change.
    public init(_ event: Event) {
        self.init(status: event.status.rawValue, dates: event.dates)
    }

    /// The workshop before the change.
    public init(_ workshop: Workshop) {
        self.init(status: workshop.status.rawValue, dates: workshop.dates)
    }

    enum CodingKeys: String, CodingKey {
        case status
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case waitlistPosition = "waitlist_position"
        case mergedID = "merged_id"
    }

    /// Undecided dates are written as `null`, not left out; an enrolment's position and a merge have no dates.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        if let waitlistPosition {
            try container.encode(waitlistPosition, forKey: .waitlistPosition)
        } else if let mergedID {
            try container.encode(mergedID, forKey: .mergedID)
        } else {
            try container.encode(startsOn, forKey: .startsOn)
            try container.encode(endsOn, forKey: .endsOn)
        }
    }
}
