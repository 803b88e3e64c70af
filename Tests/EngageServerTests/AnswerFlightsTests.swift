@testable import EngageServer
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@Suite("Single flight for kept answers")
struct AnswerFlightsTests {
    private let key = ResponseCache.Key(uri: "/v1/stakeholders?q=trafficking&limit=50", accept: nil, acceptLanguage: nil)

    /// Waits (yielding, not sleeping) until `count` requests wait on the flight.
    private func waitForWaiters(_ flights: AnswerFlights, _ count: Int, version: UInt64) async {
        while flights.waiters(key, version: version) != count { await Task.yield() }
    }

    private func body(_ turn: AnswerFlights.Turn) -> String? {
        if case .made(let entry) = turn { return String(buffer: entry.body) }
        return nil
    }

    @Test("requests that miss while one makes the answer get that answer; a newer version does not wait for older data")
    func followersShareTheAnswer() async {
        // Given a request leading the flight for a search page at version 1, and three more asking for it
        let flights = AnswerFlights()
        guard case .lead = await flights.join(key, version: 1) else { Issue.record("the first request must lead"); return }
        let followers = (0..<3).map { _ in Task { await flights.join(key, version: 1) } }
        await waitForWaiters(flights, 3, version: 1)

        // When a request that read version 2 (a write committed) misses the same page
        // Then it leads a flight of its own at once
        guard case .lead = await flights.join(key, version: 2) else { Issue.record("a newer version must not wait"); return }

        // When the leader lands its answer
        flights.land(key, version: 1, with: ResponseCache.Entry(headers: [:], body: ByteBuffer(string: "page")))

        // Then every waiting request gets it, and the flight is over: the next miss leads again
        for follower in followers { #expect(body(await follower.value) == "page") }
        #expect(flights.waiters(key, version: 1) == nil)
        guard case .lead = await flights.join(key, version: 1) else { Issue.record("a landed flight must be gone"); return }
    }

    @Test("when the leader keeps no answer (an error, a 404), each waiting request makes its own")
    func noAnswerLeavesEachAlone() async {
        let flights = AnswerFlights()
        guard case .lead = await flights.join(key, version: 7) else { Issue.record("the first request must lead"); return }
        let follower = Task { await flights.join(key, version: 7) }
        await waitForWaiters(flights, 1, version: 7)

        flights.land(key, version: 7, with: nil)

        guard case .alone = await follower.value else { Issue.record("the follower must make its own answer"); return }
    }
}

@Suite("Single flight in the kept-answer middleware")
struct ResponseCacheMiddlewareFlightTests {
    /// A handler that counts its calls and holds each until the test opens it.
    final class Gate: Sendable {
        private let state = Mutex((open: false, calls: 0))
        var calls: Int { state.withLock { $0.calls } }
        func open() { state.withLock { $0.open = true } }
        func pass() async {
            state.withLock { $0.calls += 1 }
            while !state.withLock({ $0.open }) { await Task.yield() }
        }
    }

    @Test("four requests that miss one page together run its handler once and all get its answer")
    func oneHandlerCall() async throws {
        // Given the middleware in front of a directory route whose handler waits at a gate
        let gate = Gate()
        let middleware = ResponseCacheMiddleware(cache: ResponseCache(budget: 1 << 20), metrics: HTTPMetrics(), version: { 1 })
        let router = Router(context: EngageRequestContext.self)
        router.add(middleware: middleware)
        router.get("/v1/stakeholders") { _, _ -> String in
            await gate.pass()
            return "the page"
        }
        try await Application(router: router).test(.router) { client in
            // When four anonymous requests for the page arrive while the first is still being answered
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 { group.addTask { String(buffer: try await client.execute(uri: "/v1/stakeholders", method: .get).body) } }
                let key = ResponseCache.Key(uri: "/v1/stakeholders", accept: nil, acceptLanguage: nil)
                var turns = 0
                while middleware.flights.waiters(key, version: 1) != 3, turns < 1_000_000 {
                    await Task.yield()
                    turns += 1
                }
                gate.open()
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Then the handler ran once, and every request got its answer
            #expect(gate.calls == 1)
            #expect(bodies == Array(repeating: "the page", count: 4))
        }
    }
}
