import EngageDomain
import Foundation

/// The seat rules of a workshop: who gets a seat, who waits, in what order, and who moves up.
///
/// Every store decides with these functions inside the write transaction that holds the
/// workshop's lock (SQLite's single writer, `SELECT … FOR UPDATE` on a server database), from
/// what that transaction loaded; none of them touches storage.
public enum Seating {
    // MARK: Enrolling

    /// A new enrolment: a seat while one is free, else a place on the waiting list. It has priority
    /// on the list when the stakeholder's approved country is one of the workshop's priority countries.
    public static func enrolment(
        _ input: EnrolmentInput, in workshop: Workshop, approvedCountry: String?, seats: SeatCounts, actor: String, now: Date
    ) -> Enrolment {
        Enrolment(
            workshopID: workshop.id, stakeholderID: input.stakeholderID, participant: input.participant,
            status: seats.confirmed < workshop.capacity ? .confirmed : .waitlisted,
            priority: approvedCountry.map(workshop.priorityCountries.contains) ?? false,
            createdBy: actor, createdAt: now, updatedAt: now)
    }

    /// Refuses a second open enrolment of the same person: a duplicate that names the first for its
    /// own stakeholder, a bare conflict for anyone else (another's enrolment is none of their business).
    public static func duplicateRefusal(
        existing: (id: EnrolmentID, stakeholderID: StakeholderID)?, input: EnrolmentInput, workshop: WorkshopID
    ) -> DomainError? {
        guard let existing else { return nil }
        guard existing.stakeholderID == input.stakeholderID else { return .conflict("this person is already enrolled in \(workshop)") }
        return .duplicate("\(input.participant.email) is already enrolled in \(workshop)", existingID: existing.id.rawValue)
    }

    // MARK: The waiting list

    /// The waiting list in the order it is served: priority first, then in order of enrolment.
    /// `waitlisted` must come in order of enrolment.
    public static func waitingOrder(_ waitlisted: [Enrolment]) -> [Enrolment] {
        waitlisted.filter(\.priority) + waitlisted.filter { !$0.priority }
    }

    /// Waiting-list positions by enrolment (1 is next in line). `waitlisted` in order of enrolment.
    public static func positions(_ waitlisted: [Enrolment]) -> [EnrolmentID: Int] {
        Dictionary(uniqueKeysWithValues: waitingOrder(waitlisted).enumerated().map { ($1.id, $0 + 1) })
    }

    /// The enrolments that move up while seats are free, each confirmed at `now`, in the order
    /// they are served. `waitlisted` in order of enrolment.
    public static func promotions(capacity: Int, confirmed: Int, waitlisted: [Enrolment], now: Date) -> [Enrolment] {
        let free = max(0, capacity - confirmed)
        return waitingOrder(waitlisted).prefix(free).map { enrolment in
            var promoted = enrolment
            promoted.status = .confirmed
            promoted.promotedAt = now
            promoted.updatedAt = now
            promoted.version += 1
            return promoted
        }
    }

    /// Why places on a waiting list move.
    public enum Move: Sendable {
        case aheadCancelled, aheadPromoted, priorityJoined

        /// The reason told with the move.
        public var reason: String {
            switch self {
            case .aheadCancelled: "someone ahead on the waiting list cancelled"
            case .aheadPromoted: "someone ahead on the waiting list was given a seat"
            case .priorityJoined: "an applicant from a priority country joined the waiting list ahead"
            }
        }
    }

    /// The enrolments still waiting whose place changed between two readings of the list, each with
    /// its place before (enrolments that left the list, or joined it, are told otherwise).
    public static func moved(before: [EnrolmentID: Int], after: [EnrolmentID: Int]) -> [(id: EnrolmentID, from: Int, to: Int)] {
        after.compactMap { id, to in
            guard let from = before[id], from != to else { return nil }
            return (id, from, to)
        }.sorted { $0.to < $1.to }
    }

    // MARK: Capacity and cancelling

    /// Lowering the capacity below the seats already confirmed is a conflict.
    public static func capacityRefusal(_ workshop: Workshop, seats: SeatCounts) -> DomainError? {
        guard workshop.capacity < seats.confirmed else { return nil }
        return .conflict("\(seats.confirmed) seats of \(workshop.id) are confirmed; cancel enrolments before lowering the capacity to \(workshop.capacity)")
    }

    /// An enrolment cancelled at `now`; refused when it is already cancelled or the workshop is over.
    public static func cancelled(_ enrolment: Enrolment, of workshop: Workshop, now: Date) throws(DomainError) -> Enrolment {
        guard enrolment.status.isOpen else { throw .conflict("\(enrolment.id) is already cancelled") }
        if workshop.status == .completed { throw .conflict("\(workshop.id) is completed; its enrolments can no longer change") }
        var cancelled = enrolment
        cancelled.status = .cancelled
        cancelled.updatedAt = now
        cancelled.version += 1
        return cancelled
    }

    /// The open enrolments a workshop's transition closes: all of them when it is cancelled, the
    /// waiting list when it is completed (nobody is left to promote), none otherwise.
    /// Why an enrolment in `status` closes when its workshop is `workshopStatus` (the reason given when
    /// it was cancelled): told to the participant with the cancellation.
    public static func closingReason(_ status: EnrolmentStatus, workshopStatus: EventStatus, reason: String?) -> String {
        switch workshopStatus {
        case .completed: status == .waitlisted ? "the workshop took place; you were on the waiting list" : "the workshop took place"
        default: "the workshop was cancelled" + (reason.map { ": \($0)" } ?? "")
        }
    }

    public static func closedBy(_ status: EventStatus) -> Set<EnrolmentStatus> {
        switch status {
        case .cancelled: [.confirmed, .waitlisted]
        case .completed: [.waitlisted]
        default: []
        }
    }
}
