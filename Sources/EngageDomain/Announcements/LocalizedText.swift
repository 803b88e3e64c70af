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
    /// A text in one or more UN languages, as a create body gives it: a plain string (the default
    /// language, English) or an object keyed by `ar`, `zh`, `en`, `fr`, `ru`, `es`; each value trimmed,
    /// non-empty, at most `maxLength`.
    public mutating func localizedText(_ key: String, required: Bool = false, maxLength: Int) -> LocalizedText? {
        guard let edit = localizedEdit(key, maxLength: maxLength, required: required, allowNull: false, removals: false) else { return nil }
        return edit.applied(to: nil)
    }

    /// An edit of a text in one or more UN languages: a plain string (English), an object of language
    /// codes to strings (and, when `removals`, to `null` or "" to remove that language), or `null` (or
    /// "") for the whole field when `allowNull`; `required` fails an absent field. Each text is trimmed, non-empty, at most `maxLength` code points,
    /// free of control characters (line breaks allowed in texts longer than 500).
    public mutating func localizedEdit(
        _ key: String, maxLength: Int, required: Bool = false, allowNull: Bool = true, removals: Bool = true
    ) -> LocalizedEdit? {
        guard let value = raw(key) else {
            if required { fail(key, "is required") }
            return nil
        }
        let pairs: [(String, JSONValue)]
        switch value {
        case .null:
            if !allowNull { fail(key, "must not be null") }
            return allowNull ? .clear : nil
        case .string: pairs = [(UNLanguage.fallback.rawValue, value)]
        case .object(let fields): pairs = fields.sorted { $0.key < $1.key }
        default:
            fail(key, "must be a string or an object of language codes (\(UNLanguage.list)) to strings, got \(value.typeName)")
            return nil
        }
        if pairs.isEmpty { fail(key, "must name at least one language"); return nil }
        var changes: [UNLanguage: String?] = [:]
        var valid = true
        for (code, text) in pairs {
            let field = value.isString ? name(key) : "\(name(key)).\(code)"
            guard let language = UNLanguage(rawValue: code) else {
                errorAt(field, "is not one of the six UN languages (\(UNLanguage.list))"); valid = false; continue
            }
            if text == .null, removals { changes[language] = .some(nil); continue }
            guard case .string(let raw) = text else { errorAt(field, "must be a string, got \(text.typeName)"); valid = false; continue }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            // An empty text clears, as `null` does: the whole of an optional field, or one language in a patch.
            if trimmed.isEmpty, value.isString, allowNull { return .clear }
            if trimmed.isEmpty, !value.isString, removals { changes[language] = .some(nil); continue }
            let problem = trimmed.isEmpty ? "must not be empty"
                : trimmed.unicodeScalars.count > maxLength ? "must be at most \(maxLength) characters"
                : Self.controlCharacterProblem(trimmed, lineBreaks: maxLength > 500)
            if let problem { errorAt(field, problem); valid = false; continue }
            changes[language] = trimmed
        }
        return valid ? .merge(changes) : nil
    }

    /// A list of texts each in one or more UN languages (a workshop's objectives): every item a plain
    /// string or an object of language codes; the list replaces the current one.
    public mutating func localizedList(_ key: String, maxCount: Int, maxLength: Int) -> [LocalizedText]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value else {
            fail(key, value == .null ? "must not be null; send [] to clear" : "must be an array, got \(value.typeName)")
            return nil
        }
        if items.count > maxCount { fail(key, "must have at most \(maxCount) items"); return nil }
        var item = ObjectReader(.object(Dictionary(uniqueKeysWithValues: items.enumerated().map { ("\($0.offset)", $0.element) })), path: name(key))
        let texts = items.indices.map { index in item.localizedText("\(index)", required: true, maxLength: maxLength) }
        guard item.errors.isEmpty else {
            // `objectives.0.fr` reads better as `objectives[0].fr`.
            absorb(item.errors.map { error in
                let suffix = error.field.dropFirst(name(key).count + 1)
                let index = suffix.prefix { $0.isNumber }
                return FieldError(field: "\(name(key))[\(index)]\(suffix.dropFirst(index.count))", message: error.message)
            })
            return nil
        }
        var result: [LocalizedText] = []
        for case let text? in texts where !result.contains(text) { result.append(text) }
        return result
    }

    private mutating func errorAt(_ field: String, _ message: String) {
        absorb([FieldError(field: field, message: message)])
    }
}

extension JSONValue {
    var isString: Bool { if case .string = self { true } else { false } }
}
