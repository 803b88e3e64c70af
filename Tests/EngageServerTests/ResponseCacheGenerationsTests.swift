@testable import EngageServer
import HTTPTypes
import NIOCore
import Testing

@Suite("Kept answers under memory pressure")
struct ResponseCacheGenerationsTests {
    private func entry(_ text: String) -> ResponseCache.Entry {
        ResponseCache.Entry(headers: [.contentType: "application/json"], body: ByteBuffer(string: text))
    }

    private func key(_ path: String) -> ResponseCache.Key {
        ResponseCache.Key(uri: path, accept: nil, acceptLanguage: nil)
    }

    @Test("a page read all the time stays while a flood of pages read once passes through; new answers are always kept")
    func hotAnswersStay() {
        // Given a cache of 16 KB (four generations of 4 KB) and a directory page that is read all the time
        let cache = ResponseCache(budget: 16 * 1024)
        let page = String(repeating: "p", count: 1000)
        cache.store(entry(page), for: key("/v1/stakeholders?country=KE"), version: 1)
        let once = String(repeating: "o", count: 1000)
        cache.store(entry(once), for: key("/v1/stakeholders/stk_read_once"), version: 1)
        // When 500 profiles of 1 KB are each read once (30 times the budget), the page read between them
        for number in 0..<500 {
            let profile = key("/v1/stakeholders/stk_\(number)")
            cache.store(entry(String(repeating: "x", count: 1000)), for: profile, version: 1)
            // Then each new answer is kept (a full cache makes room), and the busy page is always there
            #expect(cache.lookup(profile, version: 1) != nil)
            #expect(cache.lookup(key("/v1/stakeholders?country=KE"), version: 1).map { String(buffer: $0.body) } == page)
        }
        // And an answer read only once has aged out, as have the early profiles
        #expect(cache.lookup(key("/v1/stakeholders/stk_read_once"), version: 1) == nil)
        #expect(cache.lookup(key("/v1/stakeholders/stk_0"), version: 1) == nil)
        // And a write (a new version) makes every answer unreachable
        #expect(cache.lookup(key("/v1/stakeholders?country=KE"), version: 2) == nil)
    }

    @Test("answers that share their headers cost about their bodies; answers with headers of their own cost those too")
    func sharedHeaders() {
        // Given a cache of 40 KB (four generations of 10 KB) and 150 profiles of 40 bytes
        let profiles = (0..<150).map { key("/v1/stakeholders/stk_\($0)") }
        let body = String(repeating: "s", count: 40)
        // When each is kept with the same headers (a content type and a tag such as "v1-public")
        let shared = ResponseCache(budget: 40 * 1024)
        for profile in profiles {
            shared.store(ResponseCache.Entry(headers: [.contentType: "application/json", .eTag: "\"v1-public\""], body: ByteBuffer(string: body)),
                         for: profile, version: 1)
        }
        // Then all 150 are still kept, with their headers (at 512 bytes of headers each, fewer than half would be)
        #expect(shared.count == 150)
        #expect(shared.lookup(profiles[0], version: 1)?.headers[.eTag] == "\"v1-public\"")
        #expect(shared.lookup(profiles[149], version: 1).map { String(buffer: $0.body) } == body)

        // When each is kept with a tag of its own instead
        let distinct = ResponseCache(budget: 40 * 1024)
        for (number, profile) in profiles.enumerated() {
            distinct.store(ResponseCache.Entry(headers: [.contentType: "application/json", .eTag: "\"v\(number)\""], body: ByteBuffer(string: body)),
                           for: profile, version: 1)
        }
        // Then fewer than half are kept: the newest, with their own tags; the oldest made room
        #expect(distinct.count < 75)
        #expect(distinct.lookup(profiles[149], version: 1)?.headers[.eTag] == "\"v149\"")
        #expect(distinct.lookup(profiles[0], version: 1) == nil)
    }

    @Test("an answer larger than a generation is not kept")
    func tooLarge() {
        let cache = ResponseCache(budget: 4 * 1024)
        cache.store(entry(String(repeating: "l", count: 3000)), for: key("/v1/events.ics"), version: 1)
        #expect(cache.lookup(key("/v1/events.ics"), version: 1) == nil)
    }
}

@Suite("The log line's duration")
struct LogDurationTests {
    @Test("milliseconds with two decimals, as String(format: \"%.2f\") writes them away from halves", arguments: [
        (Duration.zero, "0.00"), (.microseconds(4), "0.00"), (.microseconds(6), "0.01"), (.microseconds(1234), "1.23"),
        (.milliseconds(12) + .microseconds(349), "12.35"), (.seconds(3) + .microseconds(999_996), "4000.00"), (.seconds(61), "61000.00"),
    ])
    func milliseconds(duration: Duration, text: String) {
        #expect(ObservabilityMiddleware.milliseconds(duration) == text)
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        #expect(String(format: "%.2f", seconds * 1000) == text)
    }
}
