import EngageDomain
import Testing

@Suite("ListOrder: the sort parameter and the order a list is read in")
struct ListOrderTests {
    @Test("a sort value names an allowed field, `-` reversing it; relevance never reverses")
    func parse() {
        let allowed: [ListOrder.Field] = [.name, .createdAt, .relevance]
        #expect(ListOrder.parse("-name", allowed: allowed) == ListOrder(.name, descending: true))
        #expect(ListOrder.parse("created_at", allowed: allowed) == ListOrder(.createdAt))
        #expect(ListOrder.parse("updated_at", allowed: allowed) == nil)
        #expect(ListOrder.parse("-relevance", allowed: allowed) == nil)
        #expect(ListOrder.parse("--name", allowed: allowed) == nil)
    }

    @Test("relevance when searching without another order; the default when there is nothing to rank")
    func effective() {
        let byDate = ListOrder(.startsOn), newest = ListOrder(.createdAt, descending: true)
        #expect(ListOrder.effective(nil, searching: true, default: byDate) == ListOrder(.relevance))
        #expect(ListOrder.effective(ListOrder(.relevance), searching: true, default: byDate) == ListOrder(.relevance))
        #expect(ListOrder.effective(newest, searching: true, default: byDate) == newest)
        #expect(ListOrder.effective(nil, searching: false, default: byDate) == byDate)
        #expect(ListOrder.effective(ListOrder(.relevance), searching: false, default: byDate) == byDate)
        #expect(ListOrder.effective(newest, searching: false, default: byDate) == newest)
    }
}
