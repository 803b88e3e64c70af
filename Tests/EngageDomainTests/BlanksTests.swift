import EngageDomain
import Foundation
import Testing

@Suite("Trimming blanks as Foundation trims them")
struct BlanksTests {
    // MARK: Helpers

    /// Texts built around every scalar of `set`, the ASCII controls and a few near misses (a BOM, a zero-width space).
    private func texts(around set: CharacterSet) -> [String] {
        let blanks = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { set.contains($0) }
        let others: [Unicode.Scalar] = (0..<0x20).compactMap(Unicode.Scalar.init) + ["\u{7F}", "\u{85}", "\u{200B}", "\u{FEFF}", "\u{2028}", "a"]
        var texts = ["", "a", "délégué", " \u{301}x ", "\u{301} x", "x \u{301}", "  Civil Society Team  ", "\r\n", "\t\u{3000}\t"]
        for scalar in blanks + others {
            texts += ["\(scalar)UNODC\(scalar)", "UN\(scalar)ODC", "\(scalar)\(scalar)", "\(scalar)", "é\(scalar)", "\(scalar)e\u{301}"]
        }
        return texts
    }

    private func hex(_ text: String) -> [String] { text.unicodeScalars.map { String($0.value, radix: 16) } }

    // MARK: Tests

    @Test("whitespace only: what trimmingCharacters(in: .whitespaces) trims, and nothing else")
    func whitespaces() {
        let texts = texts(around: .whitespaces)
        #expect(texts.count > 100)
        for text in texts {
            let foundation = text.trimmingCharacters(in: .whitespaces)
            #expect(Blanks.trimmed(text) == foundation, "\(hex(text))")
            // A part of a longer string, cut by scalars (a bracket and a combining mark are one character)
            let part = Substring("[\(text)]".unicodeScalars.dropFirst().dropLast())
            #expect(String(Blanks.trimmed(part)) == foundation, "\(hex(text))")
        }
    }

    @Test("with line breaks: what trimmingCharacters(in: .whitespacesAndNewlines) trims, and nothing else")
    func whitespacesAndNewlines() {
        let texts = texts(around: .whitespacesAndNewlines)
        for text in texts {
            let foundation = text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Blanks.trimmed(text, newlines: true) == foundation, "\(hex(text))")
            #expect(String(Blanks.trimmed(Substring(text), newlines: true)) == foundation, "\(hex(text))")
        }
        // Not two empty strings agreeing: line breaks go only when asked for.
        #expect(Blanks.trimmed("\n UNODC \r\n", newlines: true) == "UNODC")
        #expect(Blanks.trimmed("\n UNODC \r\n") == "\n UNODC \r\n")
    }
}
