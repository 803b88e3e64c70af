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

    /// A generator that counts its draws and hands out the words it was given.
    private struct Scripted: RandomNumberGenerator {
        var words: [UInt64]
        var draws = 0
        mutating func next() -> UInt64 {
            defer { draws += 1 }
            return words[draws]
        }
    }

    /// Each character is the next 5 bits, low bits first: 12 characters from the first word (60 of its
    /// bits), then a second draw for the remaining 8. A bit read twice, or a word reused, shows here.
    @Test("20 characters take 100 bits from exactly two draws, 5 bits each, none twice")
    func bitsUsedOnce() {
        // First word: characters 0, 1, 2, …, 11 (5 bits each); second: 31, 30, …, 24.
        let first = (0..<12).reduce(UInt64(0)) { $0 | UInt64($1) << (5 * $1) } | UInt64(0b1111) << 60
        let second = (0..<8).reduce(UInt64(0)) { $0 | UInt64(31 - $1) << (5 * $1) }
        var generator = Scripted(words: [first, second])
        let id = IdentifierAlphabet.random(using: &generator)
        let alphabet = Array(IdentifierAlphabet.alphabet)
        #expect(id == String((0..<12).map { alphabet[$0] } + (0..<8).map { alphabet[31 - $0] }))
        #expect(generator.draws == 2)
    }

    /// The system generator through the same path: every character turns up at every position.
    @Test("every position takes every character of the alphabet, and identifiers do not repeat")
    func everyPositionVaries() {
        let ids = (0..<3_000).map { _ in Array(IdentifierAlphabet.random()) }
        #expect(Set(ids.map { String($0) }).count == ids.count)
        for position in 0..<IdentifierAlphabet.length {
            // The chance that a fair draw misses one of 32 characters in 3,000 tries is about 32 × (31/32)^3000 ≈ 10^-40.
            #expect(Set(ids.map { $0[position] }) == Set(IdentifierAlphabet.characters), "position \(position)")
        }
    }

    /// New identifiers sort by when they were made (so a table's index on `id` grows at one end),
    /// and keep 55 random bits after the time.
    @Test("a new identifier starts with its millisecond, most significant first, and sorts after earlier ones")
    func timeOrdered() {
        // Given two instants a millisecond apart, and the same random draw for both
        let alphabet = Array(IdentifierAlphabet.alphabet)
        var first = Scripted(words: [UInt64.max])
        var second = Scripted(words: [0])
        let milliseconds: UInt64 = 1_796_300_000_123  // 2026-12-03
        let earlier = IdentifierAlphabet.timeOrdered(milliseconds: milliseconds, using: &first)
        let later = IdentifierAlphabet.timeOrdered(milliseconds: milliseconds + 1, using: &second)

        // Then the first nine characters spell the millisecond in base 32, and the later one sorts after,
        // whatever its random part
        let decoded = earlier.prefix(IdentifierAlphabet.timeLength).reduce(UInt64(0)) { $0 << 5 | UInt64(alphabet.firstIndex(of: $1)!) }
        #expect(decoded == milliseconds)
        #expect(earlier < later)
        #expect(earlier.count == IdentifierAlphabet.length && later.count == IdentifierAlphabet.length)
        #expect(earlier.suffix(11) == String(repeating: "z", count: 11))
        #expect(first.draws == 1)

        // And identifiers made now parse, sort by their time, and vary in every random position
        let ids = (0..<3_000).map { _ in StakeholderID.generate().rawValue }
        #expect(ids.allSatisfy { StakeholderID(rawValue: $0) != nil })
        #expect(ids.map { $0.prefix(4 + IdentifierAlphabet.timeLength) } == ids.map { $0.prefix(4 + IdentifierAlphabet.timeLength) }.sorted())
        #expect(Set(ids).count == ids.count)
        for position in (4 + IdentifierAlphabet.timeLength)..<ids[0].count {
            #expect(Set(ids.map { Array($0)[position] }) == Set(IdentifierAlphabet.characters), "position \(position)")
        }
    }
}
