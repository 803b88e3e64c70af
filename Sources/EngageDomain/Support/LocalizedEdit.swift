/// What a request body does to a text kept in several languages.
///
/// A plain string means the default language (English); an object of language codes sets those
/// languages and, in a PATCH, removes the ones sent as `null` (JSON merge-patch on the map), leaving
/// the others as they are; `null` for the whole field clears an optional text.
public enum LocalizedEdit: Sendable, Equatable {
    case clear
    /// Languages to set (a text) or remove (nil).
    case merge([UNLanguage: String?])

    /// The text after the edit; nil when it has no language left.
    public func applied(to current: LocalizedText?) -> LocalizedText? {
        switch self {
        case .clear: return nil
        case .merge(let changes):
            var values = current?.values ?? [:]
            for (language, text) in changes { values[language] = text }
            return values.isEmpty ? nil : LocalizedText(values)
        }
    }

    /// Applies the edit to a text that must keep at least one language; an edit that would leave
    /// none is a validation error naming `field`.
    public func applied(to current: LocalizedText, field: String, _ errors: inout [FieldError]) -> LocalizedText {
        guard let text = applied(to: Optional(current)) else {
            errors.append(FieldError(field: field, message: "must keep at least one language"))
            return current
        }
        return text
    }
}

extension LocalizedText {
    /// The text for places that show one language only (logs, calendar names, sort keys): English,
    /// else the first language present.
    public var primary: String { best(for: .fallback)?.text ?? "" }

    /// Every language's text, in the UN's order (what full-text search indexes).
    public var allTexts: [String] { languages.compactMap { values[$0] } }

    /// A text in the default language only.
    public init(_ text: String) {
        self.init([UNLanguage.fallback: text])
    }
}

extension LocalizedText: ExpressibleByStringLiteral {
    /// A literal is a text in the default language (English), as a plain string in a request is.
    public init(stringLiteral text: String) {
        self.init(text)
    }
}
