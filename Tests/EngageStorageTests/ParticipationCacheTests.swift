import EngageDomain
import EngageRecords
import Synchronization
import Testing

@Suite("Participation statistics cache")
struct ParticipationCacheTests {
    static func figures(_ organisations: Int) -> ParticipationStatistics {
        ParticipationStatistics(
            totals: .init(organisations: organisations, people: 0, registrations: 0, delegates: 0, enrolments: 0, attended: 0, trained: 0, sideEvents: 0),
            eventsHeld: 0, workshopsHeld: 0, groups: [])
    }

    /// How many computations ran.
    final class Counter: Sendable {
        private let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test("concurrent askers share one computation; a newer stamp computes again; an older answer is never served for a newer stamp")
    func singleFlight() async throws {
        let cache = ParticipationCache()
        let computations = Counter()
        let query = ParticipationQuery(groupBy: [.region])
        let compute = { @Sendable (stamp: Int64) -> @Sendable () async throws -> ParticipationCache.Computed in
            {
                let count = computations.next()
                try await Task.sleep(for: .milliseconds(50))  // long enough for the others to arrive; no timing is asserted
                return (stamp, Self.figures(count))
            }
        }
        // Given twenty concurrent requests at stamp 1, Then one computation answers them all
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.answer(query, at: 1, compute: compute(1)).totals.organisations } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(computations.value == 1)
        #expect(Set(answers) == [1])
        // Asked again at the same stamp: kept
        #expect(try await cache.answer(query, at: 1, compute: compute(1)).totals.organisations == 1)
        #expect(computations.value == 1)
        // At a newer stamp: computed again; an older stamp afterwards is served the newer answer
        #expect(try await cache.answer(query, at: 2, compute: compute(2)).totals.organisations == 2)
        #expect(try await cache.answer(query, at: 1, compute: compute(1)).totals.organisations == 2)
        #expect(computations.value == 2)
        // Another query is its own
        #expect(try await cache.answer(ParticipationQuery(), at: 2, compute: compute(2)).totals.organisations == 3)
    }

    @Test("a failed computation is not kept: the next asker computes again")
    func failure() async throws {
        struct Failed: Error {}
        let cache = ParticipationCache()
        await #expect(throws: Failed.self) { try await cache.answer(ParticipationQuery(), at: 1) { throw Failed() } }
        #expect(try await cache.answer(ParticipationQuery(), at: 1) { (1, Self.figures(7)) }.totals.organisations == 7)
    }
}
