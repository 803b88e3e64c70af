@testable import EngageServer
import Testing

@Suite("iCalendar text: escaping and folding by bytes give what the character-by-character rules give")
struct CalendarTextTests {
    // MARK: The rules, written plainly (the implementations before they worked on bytes)

    private func referenceFold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += size
        }
        return result
    }

    private func referenceEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            default:
                let control = character.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
                }
                if !control { result.append(character) }
            }
        }
        return result
    }

    /// Lines of every length around the limit, of one-, two-, three- and four-byte characters mixed.
    private static let pieces = ["a", "é", "腐", "🇺🇳", "Ж", " ", "ß", "𝄞"]
    private static let lines: [String] = (0..<400).map { seed in
        var line = ""
        for position in 0..<(60 + seed % 90) {
            line += pieces[(seed * 7 + position * (position % 5 + 1)) % pieces.count]
        }
        return line
    }

    @Test("folding, for 400 lines of mixed widths")
    func fold() {
        for line in Self.lines {
            #expect(EventCalendar.fold(line) == referenceFold(line))
        }
        #expect(EventCalendar.fold(String(repeating: "x", count: 75)) == String(repeating: "x", count: 75))
        #expect(EventCalendar.fold(String(repeating: "x", count: 76)) == String(repeating: "x", count: 75) + "\r\n x")
    }

    @Test("escaping, with every special and control character", arguments: [
        "plain text", "semi;colon, comma\\back", "line\nbreak\r\nand\rreturn", "tab\tvt\u{0B}ff\u{0C}esc\u{1B}del\u{7F}",
        "C1 \u{85}\u{9F} kept © and … and \u{2028}\u{2029} gone", "Коррупция 腐败 مكافحة 🇺🇳",
    ])
    func escape(text: String) {
        #expect(EventCalendar.escape(text) == referenceEscape(text))
    }
}
