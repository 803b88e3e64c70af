import EngageDomain
import Foundation

/// The published announcements as an Atom feed (RFC 4287), newest first, each in the reader's language.
struct AtomFeed: Sendable {
    let announcements: [Announcement]
    let language: LanguagePreference
    /// Where the API is reached from outside (`ENGAGE_PUBLIC_URL`): feed and entry links are absolute.
    let publicURL: String

    var xml: String {
        let updated = announcements.map { $0.correctedAt ?? $0.publishedAt ?? $0.updatedAt }.max() ?? Date(timeIntervalSince1970: 0)
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(language.first.rawValue)">"#,
            "  <id>\(escape(publicURL))/v1/announcements.atom</id>",
            "  <title>UNODC Civil Society Team: announcements</title>",
            "  <updated>\(Timestamp.format(updated))</updated>",
            #"  <link rel="self" type="application/atom+xml" href="\#(escape(publicURL))/v1/announcements.atom"/>"#,
            "  <author><name>UNODC Civil Society Team</name></author>",
        ]
        for announcement in announcements {
            let chosen = language.choose(for: announcement.title)
            let title = announcement.title.best(for: chosen)
            let body = announcement.body.best(for: title?.language ?? chosen)
            let link = "\(publicURL)/v1/announcements/\(announcement.id)"
            lines += [
                #"  <entry xml:lang="\#((title?.language ?? chosen).rawValue)">"#,
                "    <id>urn:engage:announcement:\(announcement.id)</id>",
                "    <title>\(escape(title?.text ?? ""))</title>",
                "    <published>\(Timestamp.format(announcement.publishedAt ?? announcement.createdAt))</published>",
                "    <updated>\(Timestamp.format(announcement.correctedAt ?? announcement.publishedAt ?? announcement.updatedAt))</updated>",
                #"    <link rel="alternate" href="\#(escape(link))"/>"#,
                #"    <content type="text">\#(escape(body?.text ?? ""))</content>"#,
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// XML text: the five special characters escaped; characters XML 1.0 cannot carry dropped.
    func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
