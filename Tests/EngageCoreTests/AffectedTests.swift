import EngageCore
import EngageDomain
import Testing

/// What a lifecycle move does to each organisation's own items, without a database.
@Suite("Affected items: status after a move, and whom it concerns")
struct AffectedTests {
    private let a = StakeholderID(unchecked: "stk_a0000000000000000000")
    private let b = StakeholderID(unchecked: "stk_b0000000000000000000")

    @Test("a closing move closes pending registrations and submitted applications; approved ones stay; co-organisers hold theirs too")
    func eventMove() {
        let held = [
            HeldItem(holder: b, kind: .eventRegistration, id: "reg_1", status: "pending"),
            HeldItem(holder: a, kind: .eventRegistration, id: "reg_2", status: "approved"),
            HeldItem(holder: a, kind: .sideEventApplication, id: "sea_1", status: "submitted"),
            HeldItem(holder: b, kind: .sideEventApplication, id: "sea_1", status: "submitted"),
        ]
        let closed = Affected.afterEventMove(held, closing: true)
        #expect(closed[a] == [AffectedItem(kind: .eventRegistration, id: "reg_2", status: "approved"),
                              AffectedItem(kind: .sideEventApplication, id: "sea_1", status: "closed")])
        #expect(closed[b] == [AffectedItem(kind: .eventRegistration, id: "reg_1", status: "closed"),
                              AffectedItem(kind: .sideEventApplication, id: "sea_1", status: "closed")])
        #expect(Affected.afterEventMove(held, closing: false)[b]?.first?.status == "pending")
        // Whom it concerns: each holder once, in byte order of their IDs
        #expect(Affected.holders(held) == [a, b])
    }

    @Test("a cancelled workshop cancels every open enrolment; a completed one only the waiting list")
    func workshopMove() {
        let held = [
            HeldItem(holder: a, kind: .workshopEnrolment, id: "enr_1", status: "confirmed"),
            HeldItem(holder: a, kind: .workshopEnrolment, id: "enr_2", status: "waitlisted"),
        ]
        #expect(Affected.afterWorkshopMove(held, status: .cancelled)[a]?.map(\.status) == ["cancelled", "cancelled"])
        #expect(Affected.afterWorkshopMove(held, status: .completed)[a]?.map(\.status) == ["confirmed", "cancelled"])
        #expect(Affected.afterWorkshopMove(held, status: .postponed)[a]?.map(\.status) == ["confirmed", "waitlisted"])
    }
}
