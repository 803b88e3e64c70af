import EngageDomain
import Foundation

/// Events as an RFC 5545 iCalendar document.
///
/// Events are all-day: DTSTART and DTEND are DATE values, DTEND the day after the last day
/// (exclusive, as RFC 5545 §3.6.1 requires). UIDs are the event IDs, so a calendar client
/// updates its copy when SEQUENCE rises. Undated (postponed) events are left out.
struct EventCalendar {
    var name: String
    var events: [Event]
    /// The language titles and descriptions are written in where the event has it (RFC 5545 LANGUAGE).
    var language: UNLanguage = .fallback

    /// The `text/calendar` body.
    var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//UNODC Civil Society Team//Engage//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
        ]
        for event in events {
            guard let dates = event.dates else { continue }
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(event.id.rawValue)@engage")
            lines.append("DTSTAMP:" + Self.utc(event.updatedAt))
            lines.append("CREATED:" + Self.utc(event.createdAt))
            lines.append("LAST-MODIFIED:" + Self.utc(event.updatedAt))
            lines.append("SEQUENCE:\(event.version - 1)")
            lines.append("DTSTART;VALUE=DATE:" + dates.startsOn.compact)
            lines.append("DTEND;VALUE=DATE:" + dates.endsOn.nextDay.compact)
            if let title = event.title.best(for: language) {
                lines.append("SUMMARY;LANGUAGE=\(title.language.rawValue):" + Self.escape(title.text))
            }
            if let description = event.description?.best(for: language) {
                lines.append("DESCRIPTION;LANGUAGE=\(description.language.rawValue):" + Self.escape(description.text))
            }
            if let location = event.location {
                let place = [location.venue, location.city, location.country].compactMap { $0 }.joined(separator: ", ")
                lines.append("LOCATION:" + Self.escape(place))
            }
            if let url = event.onlineURL.flatMap(Self.uri) { lines.append("URL:" + url) }
            lines.append("CATEGORIES:" + Self.escape(event.kind.rawValue))
            lines.append("STATUS:" + Self.status(event.status))
            lines.append("TRANSP:TRANSPARENT")
            if let parent = event.parentEventID { lines.append("RELATED-TO;RELTYPE=PARENT:\(parent.rawValue)@engage") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: RFC 5545 encoding

    private static func status(_ status: EventStatus) -> String {
        switch status {
        case .scheduled, .completed: "CONFIRMED"
        case .postponed: "TENTATIVE"
        case .cancelled: "CANCELLED"
        }
    }

    /// TEXT escaping (§3.3.11): backslash, semicolon, comma and newlines; every other control character
    /// (VT, FF, ESC, DEL, U+0085 …) is dropped, since none may appear in a content line (§3.1).
    static func escape(_ text: String) -> String {
        // Most texts have nothing to escape: a look at the bytes finds that without walking characters.
        // 0xC2 and 0xE2 lead the encodings of the C1 controls and of U+2028 and U+2029 (and of harmless
        // characters, which take the careful path).
        let special: (UInt8) -> Bool = {
            $0 < 0x20 || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2
        }
        guard text.utf8.contains(where: special) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            default:
                if character.unicodeScalars.contains(where: Self.isControl) { continue }
                result.append(character)
            }
        }
        return result
    }

    /// A URI value (§3.3.13): written only when it is one line of visible characters, else left out.
    static func uri(_ text: String) -> String? {
        text.unicodeScalars.contains { Self.isControl($0) || $0 == " " } ? nil : text
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Folds a content line into lines of at most 75 octets (§3.1), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let utf8 = line.utf8
        guard utf8.count > 75 else { return line }
        var folded: [UInt8] = []
        folded.reserveCapacity(utf8.count + utf8.count / 24)
        var octets = 0
        for byte in utf8 {
            // A byte that starts a scalar (not a continuation byte 10xxxxxx): fold before it unless the
            // whole sequence still fits on this line.
            if byte & 0xC0 != 0x80 {
                let size = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if octets + size > 75 {
                    folded.append(contentsOf: [13, 10, 32])  // CRLF and one space
                    octets = 1
                }
            }
            folded.append(byte)
            octets += 1
        }
        return String(decoding: folded, as: UTF8.self)
    }

    private static func utc(_ date: Date) -> String {
        Timestamp.compact(date)
    }
}
