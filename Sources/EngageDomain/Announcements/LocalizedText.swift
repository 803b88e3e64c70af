import Foundation

/// A text people read, in one or more of the six UN languages: `{"en": "…", "fr": "…"}`.
public struct LocalizedText: Sendable, Equatable, Codable {
    public private(set) var values: [UNLanguage: String]

    public init(_ values: [UNLanguage: String]) {
        self.values = values
    }

    /// The text in `language`, else English, else the first language present (in the UN's order);
    /// with the language actually used.
    public func best(for language: UNLanguage) -> (language: UNLanguage, text: String)? {
        for candidate in [language, .fallback] + UNLanguage.allCases {
            if let text = values[candidate] { return (candidate, text) }
        }
        return nil
    }

    /// The languages present, in the UN's order.
    public var languages: [UNLanguage] { UNLanguage.allCases.filter { values[$0] != nil } }

    /// As JSON: `{"ar": …, "en": …}` with the language codes as keys.
    public var byCode: [String: String] { Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }) }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: String].self)
        values = Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in UNLanguage(rawValue: key).map { ($0, value) } })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(byCode)
    }
}

extension ObjectReader {
    /// A text in one or more UN languages: a plain string (the default language, English) or an object
    /// keyed by `ar`, `zh`, `en`, `fr`, `ru`, `es`; each value trimmed, non-empty, at most `maxLength`.
    public mutating func localizedText(_ key: String, required: Bool = false, maxLength: Int) -> LocalizedText? {
        guard let value = raw(key), value != .null else {
            if required || has(key) { fail(key, has(key) ? "must not be null" : "is required") }
            return nil
        }
        var pairs: [(String, JSONValue)]
        switch value {
        case .string: pairs = [(UNLanguage.fallback.rawValue, value)]
        case .object(let fields): pairs = fields.sorted { $0.key < $1.key }
        default:
            fail(key, "must be a string or an object of language codes (\(UNLanguage.list)) to strings, got \(value.typeName)")
            return nil
        }
        if pairs.isEmpty { fail(key, "must name at least one language") }
        var values: [UNLanguage: String] = [:]
        var valid = !pairs.isEmpty
        for (code, text) in pairs {
            let field = pairs.count == 1 && value.isString ? key : "\(key).\(code)"
            guard let language = UNLanguage(rawValue: code) else {
                fail(field, "is not one of the six UN languages (\(UNLanguage.list))"); valid = false; continue
            }
            guard case .string(let raw) = text else { fail(field, "must be a string, got \(text.typeName)"); valid = false; continue }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fail(field, "must not be empty"); valid = false; continue }
            if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
                fail(field, "must not contain control characters"); valid = false; continue
            }
            if trimmed.count > maxLength { fail(field, "must be at most \(maxLength) characters"); valid = false; continue }
            values[language] = trimmed
        }
        return valid ? LocalizedText(values) : nil
    }
}

extension JSONValue {
    var isString: Bool { if case .string = self { true } else { false } }
}
