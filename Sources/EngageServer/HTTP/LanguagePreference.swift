import EngageDomain
import Foundation
import Hummingbird

/// The reader's languages, most wanted first: `?lang=` when given, else `Accept-Language`
/// (RFC 9110 §12.5.4: q-values, `fr-CH` counts as `fr`, `*` and q=0 ignored), else English.
struct LanguagePreference: Sendable, Equatable {
    let languages: [UNLanguage]

    /// Reads `lang` (one of the six, else a 400 naming it) from `query`, and the header.
    static func of(_ request: Request, query: inout QueryReader) -> LanguagePreference {
        if let code = query.string("lang") {
            guard let language = UNLanguage(rawValue: code.lowercased()) else {
                query.fail("lang", "must be one of the six UN languages: \(UNLanguage.list)")
                return LanguagePreference(languages: [.fallback])
            }
            return LanguagePreference(languages: [language])
        }
        return LanguagePreference(acceptLanguage: request.headers[.acceptLanguage])
    }

    init(languages: [UNLanguage]) {
        self.languages = languages
    }

    /// Parses an `Accept-Language` value; malformed entries are skipped, as RFC 9110 allows.
    init(acceptLanguage header: String?) {
        var ranked: [(language: UNLanguage, q: Double, order: Int)] = []
        for (order, entry) in (header ?? "").split(separator: ",").prefix(30).enumerated() {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)).map { min(max($0, 0), 1) } ?? 0
            }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard q > 0, let language = UNLanguage(rawValue: primary), !ranked.contains(where: { $0.language == language }) else { continue }
            ranked.append((language, q, order))
        }
        languages = ranked.sorted { ($0.q, -$0.order) > ($1.q, -$1.order) }.map(\.language)
    }

    /// The language to write `text` in: the first wanted that it has, else English, else any it has.
    func choose(for text: LocalizedText) -> UNLanguage {
        languages.first { text.values[$0] != nil } ?? text.best(for: .fallback)?.language ?? .fallback
    }

    /// The language asked for first (the `Content-Language` of a list).
    var first: UNLanguage { languages.first ?? .fallback }
}
