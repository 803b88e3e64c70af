import EngageCore
import EngageServer
import EngageTestSupport
import Foundation
import HTTPTypes
import Testing

/// Anonymous reads of the public directory kept in memory on SQLite, keyed on the data version.
@Suite("Kept answers of the public directory")
struct ResponseCacheTests {
    /// The `engage_response_cache_requests_total` counter for `result` ("hit" or "miss"), 0 when absent.
    private func cacheCount(_ app: TestHarness, _ result: String) async throws -> Int {
        let text = try await app.send(.get, "/metrics").bodyText
        let prefix = #"engage_response_cache_requests_total{result="\#(result)"} "#
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }

    @Test("a repeated read is answered from memory until a write commits; the write shows on the very next read")
    func keptUntilAWrite() async throws {
        try await TestHarness.run { app in
            // Given an approved organisation, its profile and a directory page read once anonymously
            let org = try await app.registerApproved(["name": "Observatorio de la Trata"])
            let first = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            let page = try await app.send(.get, "/v1/stakeholders?country=MX")
            // When both are read again
            let again = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            let pageAgain = try await app.send(.get, "/v1/stakeholders?country=MX")
            // Then the answers are the same, served from memory on SQLite (PostgreSQL keeps none: several instances share it)
            #expect(again.status == .ok && again.bodyText == first.bodyText && again.headers[.eTag] == first.headers[.eTag])
            #expect(pageAgain.bodyText == page.bodyText && pageAgain.headers[.eTag] == page.headers[.eTag])
            let kept = TestStore.kind == .sqlite
            #expect(try await cacheCount(app, "hit") == (kept ? 2 : 0))

            // When staff rename it
            let renamed = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey, json: ["name": "Observatorio Regional"],
                                             contentType: "application/merge-patch+json")
            #expect(renamed.status == .ok)
            // Then the next anonymous reads show the new name, not the kept answers
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)").object()["name"] as? String == "Observatorio Regional")
            #expect(try await app.send(.get, "/v1/stakeholders?country=MX").items().compactMap { $0["name"] as? String } == ["Observatorio Regional"])
            #expect(try await cacheCount(app, "hit") == (kept ? 2 : 0))
        }
    }

    @Test("concurrent misses of one page all get its answer, and of a missing record all get the 404")
    func concurrentMisses() async throws {
        try await TestHarness.run { app in
            // Given an approved organisation and a search page nobody has read yet
            let org = try await app.registerApproved(["name": "Observatorio de la Trata"])
            // When 32 anonymous callers ask for the page at once, and then 16 for a record that does not exist
            let pages = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for _ in 0..<32 { group.addTask { let r = try await app.send(.get, "/v1/stakeholders?q=trata"); return (r.status, r.bodyText) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let missing = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 { group.addTask { try await app.send(.get, "/v1/stakeholders/stk_00000000000000000000").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Then every caller gets the one answer (waiting on the request that makes it, where they meet)
            #expect(pages.count == 32 && pages.allSatisfy { $0.0 == .ok && $0.1 == pages[0].1 })
            #expect(pages[0].1.contains(org.id))
            #expect(missing.count == 16 && missing.allSatisfy { $0 == .notFound })
            if TestStore.kind == .sqlite {
                #expect(try await cacheCount(app, "hit") + cacheCount(app, "miss") == 48)
            }
        }
    }

    @Test("If-None-Match on a kept answer is a 304; credentials and other languages get answers of their own")
    func revalidationAndKeys() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            let first = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            let etag = try #require(first.headers[.eTag])
            // A revalidation of the kept answer: 304 with its tag, from memory on SQLite
            let hits = try await cacheCount(app, "hit")
            let revalidated = try await app.send(.get, "/v1/stakeholders/\(org.id)", headers: ["If-None-Match": etag])
            #expect(revalidated.status == .notModified && revalidated.headers[.eTag] == etag && revalidated.body.readableBytes == 0)
            #expect(try await cacheCount(app, "hit") == hits + (TestStore.kind == .sqlite ? 1 : 0))
            // The organisation itself sees its private fields: never the public answer kept for anonymous readers
            let own = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: org.token)
            #expect(own.headers[.cacheControl] == "private, no-cache")
            #expect(own.bodyText != first.bodyText)
            // Another Accept-Language is another key: it is not answered from the English entry
            let misses = try await cacheCount(app, "miss")
            _ = try await app.send(.get, "/v1/stakeholders/\(org.id)", headers: ["Accept-Language": "fr"])
            #expect(try await cacheCount(app, "miss") == misses + (TestStore.kind == .sqlite ? 1 : 0))
        }
    }

    @Test("the events' list, record and calendar feeds are kept too, and a postponement shows on the very next read")
    func events() async throws {
        try await TestHarness.run { app in
            // Given an event whose list page, record and two calendar documents are read once anonymously
            let event = try await app.createEvent(["title": "Expert Group Meeting on Firearms"])
            let id = try #require(event["id"] as? String)
            let paths = ["/v1/events?from=2027-01-01", "/v1/events/\(id)", "/v1/events.ics?from=2027-01-01", "/v1/events/\(id)/calendar.ics"]
            var first: [String] = []
            for path in paths { first.append(try await app.send(.get, path).bodyText) }
            // When they are read again
            let hits = try await cacheCount(app, "hit")
            for (path, body) in zip(paths, first) { #expect(try await app.send(.get, path).bodyText == body) }
            // Then every read came from memory on SQLite
            let kept = TestStore.kind == .sqlite
            #expect(try await cacheCount(app, "hit") == hits + (kept ? paths.count : 0))

            // When staff postpone it
            #expect(try await app.lifecycle(id, "postpone", ["reason": "Venue unavailable"]).status == .ok)
            // Then the next reads show it postponed: the list and the record say so, the feed leaves it out (no dates)
            #expect(try await app.send(.get, "/v1/events/\(id)").object()["status"] as? String == "postponed")
            #expect(try await app.send(.get, "/v1/events?from=2027-01-01").items().first { $0["id"] as? String == id } == nil)
            #expect(try await app.send(.get, "/v1/events.ics?from=2027-01-01").bodyText.contains(id) == false)
            #expect(try await app.send(.get, "/v1/events/\(id)/calendar.ics").status == .conflict)
        }
    }
}
