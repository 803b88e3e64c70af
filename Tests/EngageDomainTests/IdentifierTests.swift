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

    /// The byte-wise parse against the definition in characters: the prefix, an underscore and 20
    /// characters of the alphabet, nothing else (non-ASCII look-alikes and combining marks included).
    @Test("an identifier parses only as its prefix, an underscore and 20 characters of the alphabet")
    func parsing() {
        let valid = "stk_0123456789abcdefghjk"
        let candidates = [
            valid, "stk_zzzzzzzzzzzzzzzzzzzz", "stk_0123456789abcdefghj", "stk_0123456789abcdefghjkm", "stk0123456789abcdefghjkm",
            "evt_0123456789abcdefghjk", "STK_0123456789abcdefghjk", "stk_0123456789ABCDEFGHJK", "stk_0123456789abcdefghjl",
            "stk_0123456789abcdefghju", "stk_0123456789abcdefghj\u{0301}", "stk_0123456789abcdefghjk\u{0301}", "stk\u{0301}_0123456789abcdefghjk",
            "stk_\u{0301}0123456789abcdefghjk", "stk_0123456789abcdefgh\u{FF4A}k", "stk_0123456789abcdefghj\u{00E9}", "stk_0123456789abcdefghj ",
            " stk_0123456789abcdefghjk", "stk_", "", "stk__123456789abcdefghjk", "stk_0123456789abcdefghj\0",
        ]
        for text in candidates {
            let body = text.hasPrefix("stk_") ? text.dropFirst(4) : ""
            let byDefinition = text.hasPrefix("stk_") && body.count == IdentifierAlphabet.length && body.allSatisfy(IdentifierAlphabet.characters.contains)
            #expect((StakeholderID(rawValue: text) != nil) == byDefinition, "\(text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())")
        }
        #expect(candidates.filter { StakeholderID(rawValue: $0) != nil } == [valid, "stk_zzzzzzzzzzzzzzzzzzzz"])
        #expect(StakeholderID(rawValue: valid)?.rawValue == valid)
        #expect(EventID(rawValue: valid) == nil)
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

    /// After the time, each character is the next 5 bits of one draw, low bits first: a bit read twice,
    /// or a second draw, shows here.
    @Test("the 11 random characters take 55 bits of exactly one draw, 5 bits each, none twice")
    func bitsUsedOnce() {
        // One word: characters 0, 1, 2, …, 10 (5 bits each), and 9 more bits that must not show
        let word = (0..<11).reduce(UInt64(0)) { $0 | UInt64($1) << (5 * $1) } | UInt64(0b1_1111_1111) << 55
        var generator = Scripted(words: [word])
        let id = IdentifierAlphabet.timeOrdered(milliseconds: 0, using: &generator)
        let alphabet = Array(IdentifierAlphabet.alphabet)
        #expect(id == String(repeating: "0", count: IdentifierAlphabet.timeLength) + String((0..<11).map { alphabet[$0] }))
        #expect(generator.draws == 1)
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
