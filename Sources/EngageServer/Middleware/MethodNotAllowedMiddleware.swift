import Hummingbird

/// Turns the router's 404 for a known path with an unsupported method into a 405 with `Allow`.
///
/// Added after every route, so it only ever runs on the router's not-found path.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    /// Method and path segments of every route (`{name}` segments match any one segment).
    private let routes: [(method: String, segments: [Substring])]

    /// Indexes the `METHOD /path` lines of `routeTable(_:)`.
    init(routeTable: [String]) {
        routes = routeTable.compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].split(separator: "/"))
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowedMethods(for: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            var problem = Problem(
                type: .methodNotAllowed, title: "Method not allowed", status: 405,
                detail: "\(request.method.rawValue) is not supported here; use \(allowed.joined(separator: ", "))")
            problem.allow = allowed
            throw problem
        }
    }

    /// The methods the routes matching `path` answer, sorted; empty when no route matches.
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let methods = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, value in pattern.hasPrefix("{") || pattern == value }
        }.map(\.method)
        // HEAD is answered wherever GET is (Router option autoGenerateHeadEndpoints).
        return Set(methods + (methods.contains("GET") ? ["HEAD"] : [])).sorted()
    }
}
