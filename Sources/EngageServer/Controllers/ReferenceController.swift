import EngageDomain
import Foundation
import Hummingbird

/// `/v1/reference/…`: the fixed vocabularies a form offers (countries, UN regional groups, topics, kinds of
/// stakeholder and of event), each code with its label in the reader's language. Public; the same for every caller
/// and fixed until the next release, so caches may keep them a day.
struct ReferenceController: Sendable {
    /// How long a cache may keep an answer without revalidating it.
    static let cacheControl = "public, max-age=86400"

    func addRoutes(to router: Router<EngageRequestContext>) {
        for vocabulary in ReferenceLabels.Vocabulary.allCases {
            router.get("/v1/reference/\(vocabulary.rawValue)") { request, context in try Self.list(vocabulary, request, context) }
        }
    }

    /// The whole vocabulary in one language: `?lang=`, else `Accept-Language`, else English (the labels exist in all
    /// six); `?translations=all` adds every language to each item. 304 when `If-None-Match` names the current tag.
    static func list(_ vocabulary: ReferenceLabels.Vocabulary, _ request: Request, _ context: EngageRequestContext) throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query).first
        let translations = Self.translations(&query)
        try query.check()
        let entry = ReferenceCatalogue.entry(vocabulary, language: language, translations: translations)
        // The same URL is written in the language each reader asks for: caches must keep them apart.
        let headers: HTTPFields = [
            .eTag: entry.etag, .cacheControl: cacheControl, .contentLanguage: language.rawValue, .vary: "Accept-Language",
        ]
        if ConditionalRequest.isNotModified(request, etag: entry.etag) {
            return Response(status: .notModified, headers: headers)
        }
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: entry.body)))
    }

    /// `?translations=all` adds every language.
    private static func translations(_ query: inout QueryReader) -> Bool {
        guard let value = query.string("translations") else { return false }
        if value != "all" { query.fail("translations", "must be all (or left out)") }
        return value == "all"
    }
}
