import EngageDomain
import Hummingbird

/// How a response writes texts kept in several languages: each in the reader's language where it
/// has one (`LanguagePreference`: `?lang=`, else `Accept-Language`), else English, else any; and,
/// when asked (`?translations=all`), every language under `translations`.
struct Localization: Sendable {
    let preference: LanguagePreference
    let translations: Bool

    /// Webhook payloads: English, with every translation (mails take their language from there).
    static let payload = Localization(preference: LanguagePreference(languages: [.fallback]), translations: true)

    /// Reads `lang` and `translations` from a read's query.
    static func of(_ request: Request, query: inout QueryReader) -> Localization {
        let preference = LanguagePreference.of(request, query: &query)
        var translations = false
        if let value = query.string("translations") {
            if value == "all" { translations = true } else { query.fail("translations", "must be all (or left out)") }
        }
        return Localization(preference: preference, translations: translations)
    }

    /// The answer to a write: the representation a GET without parameters gives (in the writer's
    /// `Accept-Language`), so its ETag serves the next conditional GET.
    static func afterWrite(_ request: Request) -> Localization {
        Localization(preference: LanguagePreference(acceptLanguage: request.headers[.acceptLanguage]), translations: false)
    }

    // MARK: Texts

    /// The language a resource is written in: the one its main text (`title`) is shown in.
    func language(of text: LocalizedText) -> UNLanguage { preference.choose(for: text) }

    /// A text in `language`, else English, else any language it has.
    func text(_ text: LocalizedText?, in language: UNLanguage) -> String? { text?.best(for: language)?.text }

    /// `{"title": {"en": …}, …}` for the fields given, when every translation was asked for.
    func translations(_ fields: [(String, LocalizedText?)], lists: [(String, [LocalizedText])] = []) -> JSONValue? {
        guard translations else { return nil }
        var members: [String: JSONValue] = [:]
        for (name, text) in fields { members[name] = text.map(Self.json) ?? .null }
        for (name, list) in lists { members[name] = .array(list.map(Self.json)) }
        return .object(members)
    }

    private static func json(_ text: LocalizedText) -> JSONValue { .object(text.byCode.mapValues { .string($0) }) }

    // MARK: Responses

    /// One resource as JSON: `language` was chosen for it, `etag` names that representation.
    func respond(_ body: some Encodable, language: UNLanguage, etag: String, status: HTTPResponse.Status = .ok,
                 headers: HTTPFields = [:]) throws -> Response {
        var fields = self.headers(language, headers)
        fields[.eTag] = etag
        return try JSONResponse.make(body, status: status, headers: fields)
    }

    /// A page of a list: `Content-Language` names the language asked for first (each item says its own).
    func respond<Item: Encodable & Sendable>(_ list: ListResponse<Item>) throws -> Response {
        try JSONResponse.make(list, headers: headers(preference.first))
    }

    // MARK: Headers

    /// The strong ETag of a resource whose main text is `title`: its version, `base` (what else the
    /// representation shows), the language chosen for it and whether every translation is in.
    func etag(version: Int, _ base: String = "full", title: LocalizedText) -> String {
        ETag.make(version: version, variant: base + language(of: title).rawValue + (translations ? "all" : ""))
    }

    /// `Content-Language` (the language used) and `Vary: Accept-Language`, for a response that
    /// `language` was chosen for.
    func headers(_ language: UNLanguage, _ others: HTTPFields = [:]) -> HTTPFields {
        var headers = others
        headers[.contentLanguage] = language.rawValue
        headers[.vary] = "Accept-Language"
        return headers
    }
}
