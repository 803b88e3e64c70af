@testable import EngageServer
import Testing

@Suite("Request IDs")
struct RequestIDsTests {
    @Test("generated IDs share the process's random half, count in the other, and never repeat across threads")
    func uniqueAcrossTasks() async {
        // When 8 tasks make 2,000 IDs each
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<2_000).map { _ in RequestIDs.next() } } }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        // Then all 16,000 differ, each is `req_` and 32 hex digits, and the first 16 digits are the same
        #expect(Set(ids).count == 16_000)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /req_[0-9a-f]{32}/) != nil })
        #expect(Set(ids.map { $0.dropFirst(4).prefix(16) }).count == 1)
    }

    @Test("the count half is the number in hex, most significant digit first")
    func hexDigits() {
        #expect(RequestIDs.hex(0x0123_4567_89ab_cdef) == "0123456789abcdef")
        #expect(RequestIDs.hex(1) == "0000000000000001")
    }
}
