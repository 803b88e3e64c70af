import EngageCore
import EngageDomain
import Foundation
import Testing

/// The seat rules, without a database: what every store decides with.
@Suite("Seating: seats, the waiting list and promotion")
struct SeatingTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    // MARK: Helpers

    private func workshop(capacity: Int, priority: [String] = []) -> Workshop {
        Workshop(title: "SE4U", capacity: capacity, priorityCountries: priority, createdAt: now, updatedAt: now)
    }

    private func input(_ name: String) -> EnrolmentInput {
        EnrolmentInput(stakeholderID: .generate(), participant: EnrolmentParticipant(name: name, email: "\(name)@example.org"))
    }

    private func waiting(_ name: String, priority: Bool = false) -> Enrolment {
        Enrolment(
            workshopID: .generate(), stakeholderID: .generate(), participant: EnrolmentParticipant(name: name, email: "\(name)@example.org"),
            status: .waitlisted, priority: priority, createdBy: "test", createdAt: now, updatedAt: now)
    }

    // MARK: Tests

    @Test("a seat while one is free; the last seat goes once; then the waiting list")
    func placement() {
        let training = workshop(capacity: 2)
        let first = Seating.enrolment(input("a"), in: training, approvedCountry: nil, seats: SeatCounts(confirmed: 1, waitlisted: 0), actor: "t", now: now)
        #expect(first.status == .confirmed)
        let second = Seating.enrolment(input("b"), in: training, approvedCountry: nil, seats: SeatCounts(confirmed: 2, waitlisted: 0), actor: "t", now: now)
        #expect(second.status == .waitlisted)
    }

    @Test("priority is decided on the approved country")
    func priorityCountry() {
        let training = workshop(capacity: 1, priority: ["FJ", "WS"])
        let full = SeatCounts(confirmed: 1, waitlisted: 3)
        #expect(Seating.enrolment(input("a"), in: training, approvedCountry: "FJ", seats: full, actor: "t", now: now).priority)
        #expect(!Seating.enrolment(input("b"), in: training, approvedCountry: "MX", seats: full, actor: "t", now: now).priority)
        #expect(!Seating.enrolment(input("c"), in: training, approvedCountry: nil, seats: full, actor: "t", now: now).priority)
    }

    @Test("the list is served priority first, then in order of enrolment")
    func order() {
        // Given four on the list in order of enrolment, the third from a priority country
        let list = [waiting("a"), waiting("b"), waiting("c", priority: true), waiting("d")]
        // Then the priority one is first, the rest keep their order
        #expect(Seating.waitingOrder(list).map(\.participant.name) == ["c", "a", "b", "d"])
        let positions = Seating.positions(list)
        #expect(list.map { positions[$0.id] } == [2, 3, 1, 4])
    }

    @Test("promotion fills exactly the free seats, in list order, and marks each promoted")
    func promotions() {
        let list = [waiting("a"), waiting("b", priority: true), waiting("c")]
        let promoted = Seating.promotions(capacity: 5, confirmed: 3, waitlisted: list, now: now)
        #expect(promoted.map(\.participant.name) == ["b", "a"])
        #expect(promoted.allSatisfy { $0.status == .confirmed && $0.promotedAt == now && $0.version == 2 })
        #expect(Seating.promotions(capacity: 3, confirmed: 3, waitlisted: list, now: now).isEmpty)
        #expect(Seating.promotions(capacity: 2, confirmed: 3, waitlisted: list, now: now).isEmpty)
    }

    @Test("capacity may not fall below the confirmed seats")
    func capacity() {
        #expect(Seating.capacityRefusal(workshop(capacity: 2), seats: SeatCounts(confirmed: 3, waitlisted: 0)) != nil)
        #expect(Seating.capacityRefusal(workshop(capacity: 3), seats: SeatCounts(confirmed: 3, waitlisted: 0)) == nil)
    }

    @Test("a second open enrolment of one person: a duplicate for its stakeholder, a bare conflict for others")
    func duplicates() {
        let request = input("a")
        let id = EnrolmentID.generate()
        let training = WorkshopID.generate()
        #expect(Seating.duplicateRefusal(existing: nil, input: request, workshop: training) == nil)
        // Its own stakeholder is pointed at the enrolment it already holds
        guard case .duplicate(_, let existing) = Seating.duplicateRefusal(existing: (id, request.stakeholderID), input: request, workshop: training) else {
            Issue.record("the same stakeholder must get a duplicate naming the first enrolment")
            return
        }
        #expect(existing == id.rawValue)
        // Another stakeholder learns nothing about it
        guard case .conflict(let message) = Seating.duplicateRefusal(existing: (id, .generate()), input: request, workshop: training) else {
            Issue.record("another stakeholder's enrolment must be a bare conflict")
            return
        }
        #expect(!message.contains(id.rawValue))
    }

    @Test("cancelling: refused twice and after completion; cancelling or completing a workshop closes what it should")
    func cancelling() throws {
        var training = workshop(capacity: 1)
        var seat = waiting("a")
        seat.status = .confirmed
        let cancelled = try Seating.cancelled(seat, of: training, now: now)
        #expect(cancelled.status == .cancelled && cancelled.version == 2)
        #expect(throws: DomainError.self) { try Seating.cancelled(cancelled, of: training, now: now) }
        training.status = .completed
        #expect(throws: DomainError.self) { try Seating.cancelled(seat, of: training, now: now) }
        #expect(Seating.closedBy(.cancelled) == [.confirmed, .waitlisted])
        #expect(Seating.closedBy(.completed) == [.waitlisted])
        #expect(Seating.closedBy(.postponed).isEmpty)
    }
}
