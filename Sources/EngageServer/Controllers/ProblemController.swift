import Foundation
import Hummingbird

/// `/problems`: the catalogue of problem types, so that each `type` the server sends can be looked up
/// (`urn:engage:problem:validation` is described at `/problems/validation`). Public and fixed until the next release.
struct ProblemController: Sendable {
    /// One catalogue entry as sent.
    struct Entry: Encodable {
        var type: String
        var name: String
        var status: Int?
        var description: String

        init(_ problem: ProblemType) {
            type = problem.uri
            name = problem.rawValue
            status = problem.status
            description = problem.meaning
        }
    }

    struct Catalogue: Encodable {
        var data: [Entry]
    }

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/problems", use: list)
        router.get("/problems/{name}", use: show)
    }

    /// Every problem type.
    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        try query.check()
        return try cached(JSONResponse.make(Catalogue(data: ProblemType.allCases.map(Entry.init))))
    }

    /// One problem type; 404 for a name the server never sends.
    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let query = QueryReader(request, context)
        try query.check()
        let name = context.parameters.get("name") ?? ""
        guard let problem = ProblemType(rawValue: name) else {
            throw Problem.notFound("no problem type \(name); GET /problems lists them")
        }
        return try cached(JSONResponse.make(Entry(problem)))
    }

    /// The catalogue changes only with a release: caches may keep it a day.
    private func cached(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = ReferenceController.cacheControl
        return response
    }
}
