import Foundation

/// ISO 639-1 two-letter language codes.
public enum Language {
    /// The 184 codes of ISO 639-1 (including the withdrawn `bh`, still found in older records).
    public static let codes: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu
        fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn
        ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os
        pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw
        ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Whether `code` (lower case) is an ISO 639-1 code.
    public static func isValid(_ code: String) -> Bool { codes.contains(code) }
}

extension ObjectReader {
    /// A list of ISO 639-1 codes, lower-cased, without repeats.
    public mutating func languages(_ key: String) -> [String]? {
        stringArray(key, maxCount: 30, allowNull: false) { Language.isValid($0.lowercased()) ? nil : "must be an ISO 639-1 language code such as en, fr, es" }?
            .map { $0.lowercased() }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// A list of topics of the shared vocabulary.
    public mutating func topics(_ key: String) -> [Topic]? {
        stringArray(key, maxCount: Topic.allCases.count, allowNull: false) { value in
            Topic(rawValue: value) == nil ? "must be one of: \(Topic.allCases.map(\.rawValue).joined(separator: ", "))" : nil
        }?.compactMap(Topic.init(rawValue:))
    }

    /// A list of short texts (names, objectives), each trimmed and non-empty.
    public mutating func texts(_ key: String, maxCount: Int, maxLength: Int) -> [String]? {
        stringArray(key, maxCount: maxCount, allowNull: false) { value in
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return "must not be empty" }
            return trimmed.unicodeScalars.count > maxLength ? "must be at most \(maxLength) characters" : nil
        }?.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
