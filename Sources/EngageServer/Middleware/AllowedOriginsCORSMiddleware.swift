import HTTPTypes
import Hummingbird

/// CORS for the configured front-end origins only (`ENGAGE_CORS_ORIGINS`).
///
/// Requests from a listed origin go through Hummingbird's `CORSMiddleware`, which then
/// echoes that origin; requests from any other origin get no CORS headers at all.
struct AllowedOriginsCORSMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    let origins: Set<String>
    private let cors = CORSMiddleware<EngageRequestContext>(
        allowOrigin: .originBased,
        allowHeaders: [
            .accept, .authorization, .contentType, .origin, .ifMatch, .ifNoneMatch,
            HTTPField.Name("Idempotency-Key")!, HTTPField.Name("X-Request-Id")!,
        ],
        allowMethods: [.get, .post, .put, .patch, .delete, .options],
        exposedHeaders: Self.exposed,
        maxAge: .seconds(600)
    )
    /// The response headers a browser script may read. The Fetch standard reads them from the actual
    /// response, where Hummingbird's middleware leaves them out (it sends them on preflights only).
    private static let exposed = [
        "ETag", "Location", "X-Request-Id", "Idempotent-Replayed", "Retry-After",
        "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Content-Language",
    ]

    init(origins: [String]) {
        self.origins = Set(origins)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(origin) else {
            return try await next(request, context)
        }
        var response = try await cors.handle(request, context: context, next: next)
        if request.method != .options {
            response.headers[.accessControlExposeHeaders] = Self.exposed.joined(separator: ", ")
        }
        return response
    }
}
