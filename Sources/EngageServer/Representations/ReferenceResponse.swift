import EngageDomain
import Foundation

/// One entry of a reference list: `{"code": "FJ", "label": "Fidji"}`; countries add their UN regional group
/// (`region`, `null` for non-members and territories), `?translations=all` adds the label in every language.
struct ReferenceItem: Encodable, Sendable, SnakeCaseKeys {
    var code: String
    var label: String
    /// Countries only: `.some(nil)` is written `null`, `nil` leaves the key out.
    var region: String??
    var translations: [String: String]?

    enum CodingKeys: String, CodingKey {
        case code, label, region, translations
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(label, forKey: .label)
        if let region { try container.encode(region, forKey: .region) }
        try container.encodeIfPresent(translations, forKey: .translations)
    }
}

/// A whole vocabulary in one language: the list envelope (one page: `next_cursor` is always `null`) with
/// the `language` the labels are written in.
struct ReferenceList: Encodable, Sendable, SnakeCaseKeys {
    var data: [ReferenceItem]
    var language: String

    enum CodingKeys: String, CodingKey {
        case data, language
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(language, forKey: .language)
        try container.encodeNil(forKey: .nextCursor)
    }
}

/// Every answer the reference endpoints give, encoded once: a vocabulary in one of the six languages, with or
/// without every translation (5 × 6 × 2 bodies, about 0.5 MB in all), each with its ETag. Built on first use, so a
/// request only looks one up.
enum ReferenceCatalogue {
    struct Entry: Sendable {
        let body: Data
        let etag: String
    }

    struct Key: Hashable, Sendable {
        let vocabulary: ReferenceLabels.Vocabulary
        let language: UNLanguage
        let translations: Bool
    }

    static func entry(_ vocabulary: ReferenceLabels.Vocabulary, language: UNLanguage, translations: Bool) -> Entry {
        entries[Key(vocabulary: vocabulary, language: language, translations: translations)]!
    }

    private static let entries: [Key: Entry] = {
        var entries: [Key: Entry] = [:]
        for vocabulary in ReferenceLabels.Vocabulary.allCases {
            for language in UNLanguage.allCases {
                for translations in [false, true] {
                    let list = ReferenceList(data: items(vocabulary, language: language, translations: translations), language: language.rawValue)
                    // Encoding these plain strings and arrays cannot fail.
                    let body = try! JSONEncoder.encodeAPI(list)
                    entries[Key(vocabulary: vocabulary, language: language, translations: translations)] = Entry(body: body, etag: etag(body, language: language, translations: translations))
                }
            }
        }
        return entries
    }()

    /// The items of a vocabulary in `language`. Countries are sorted by their label in that language, by its CLDR
    /// collation (Locale-aware comparison: accents after the plain letter in French, pinyin in Chinese), code
    /// breaking ties; the other vocabularies keep their fixed order (the order of the enumeration, which for the
    /// regional groups is the UN's).
    private static func items(_ vocabulary: ReferenceLabels.Vocabulary, language: UNLanguage, translations: Bool) -> [ReferenceItem] {
        let items = ReferenceLabels.codes(of: vocabulary).map { code in
            let text = ReferenceLabels.label(vocabulary, code)
            return ReferenceItem(
                code: code,
                label: text?.best(for: language)?.text ?? code,
                region: vocabulary == .countries ? .some(Country.region(of: code)?.rawValue) : nil,
                translations: translations ? (text?.byCode ?? [:]) : nil)
        }
        guard vocabulary == .countries else { return items }
        let locale = Locale(identifier: language.rawValue)
        return items.sorted { first, second in
            switch first.label.compare(second.label, options: [], range: nil, locale: locale) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: first.code < second.code
            }
        }
    }

    /// A strong tag that changes when the body does (a label edited here, or new CLDR data with a new toolchain):
    /// the "version" is the first 28 bits of the body's SHA-256, the variant names the language.
    private static func etag(_ body: Data, language: UNLanguage, translations: Bool) -> String {
        let digest = Secret.sha256Hex(body)
        return ETag.make(version: Int(digest.prefix(7), radix: 16)!, variant: "\(language.rawValue)\(translations ? "-all" : "")")
    }
}
