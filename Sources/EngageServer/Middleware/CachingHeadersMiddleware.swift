import HTTPTypes
import Hummingbird

/// Cache headers for reads, so no shared cache hands one caller's representation to another.
///
/// Every successful GET or HEAD answer varies by `Authorization` (the same URL gives the public, the
/// organisation and staff different fields). An anonymous answer is `public, no-cache`: caches may keep
/// it but must revalidate with its ETag (nothing stale is served); an answer to a credentialed caller is
/// `private, no-cache`. Answers that set their own `Cache-Control` (one-time secrets: `no-store`) keep it.
///
/// A 200 whose tag `If-None-Match` names becomes a 304 here, so representations tagged by their content
/// (pages of lists) revalidate like resources, whose handlers answer 304 before reading anything else.
struct CachingHeadersMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get || request.method == .head,
              response.status == .ok || response.status == .notModified else { return response }
        if response.status == .ok, let etag = response.headers[.eTag], ConditionalRequest.isNotModified(request, etag: etag) {
            var headers = HTTPFields()
            for name in [HTTPField.Name.eTag, .vary, .cacheControl, .contentLanguage] { headers[name] = response.headers[name] }
            response = Response(status: .notModified, headers: headers)
        }
        if let vary = response.headers[.vary] {
            if !vary.lowercased().contains("authorization") { response.headers[.vary] = vary + ", Authorization" }
        } else {
            response.headers[.vary] = "Authorization"
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = context.principal == .anonymous ? "public, no-cache" : "private, no-cache"
        }
        return response
    }
}
