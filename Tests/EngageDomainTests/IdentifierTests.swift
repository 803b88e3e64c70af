@testable import EngageDomain
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test("a new identifier is the prefix and 20 characters of the alphabet, and parses back")
    func shape() throws {
        let id = StakeholderID.generate()
        #expect(id.rawValue.hasPrefix("stk_"))
        #expect(id.rawValue.count == 4 + IdentifierAlphabet.length)
        #expect(StakeholderID(rawValue: id.rawValue) == id)
    }

    /// Each character takes its own 5 bits of the two random words: a slip in the bit arithmetic (bits
    /// used twice, a position fixed, a character never drawn) shows as a position that misses a character.
    @Test("every position takes every character of the alphabet, and identifiers do not repeat")
    func everyPositionVaries() {
        let ids = (0..<3_000).map { _ in Array(IdentifierAlphabet.random()) }
        #expect(Set(ids.map { String($0) }).count == ids.count)
        for position in 0..<IdentifierAlphabet.length {
            // The chance that a fair draw misses one of 32 characters in 3,000 tries is about 32 × (31/32)^3000 ≈ 10^-40.
            #expect(Set(ids.map { $0[position] }) == Set(IdentifierAlphabet.characters), "position \(position)")
        }
    }
}
