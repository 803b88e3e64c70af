import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/resources`: knowledge resources, with ranked full-text search (staff write, public read).
struct ResourceController: Sendable {
    let repository: any ResourceRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/resources", use: create)
        router.get("/v1/resources", use: list)
        router.get("/v1/resources/:id", use: show)
        router.patch("/v1/resources/:id", use: update)
        router.delete("/v1/resources/:id", use: delete)
    }

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try ResourceInput.parse(try await RequestBody.json(request, context: context), creating: true)
        let resource = try await repository.create(input, now: clock.now())
        return try Self.respond(resource, .afterWrite(request), status: .created, headers: [.location: "/v1/resources/\(resource.id)"])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = ResourceFilter(kinds: query.enumerations("kind", ResourceKind.self), topics: query.enumerations("topic", Topic.self))
        if let language = query.string("language") {
            if Language.isValid(language.lowercased()) { filter.language = language.lowercased() } else {
                query.fail("language", "must be an ISO 639-1 language code such as en, fr, es")
            }
        }
        filter.query = query.searchText("q")
        filter.updatedSince = query.updatedSince()
        filter.order = query.order(ResourceFilter.orders)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        let resources = try await repository.list(filter, page: page)
        return try localization.respond(ListResponse(data: resources.items.map { ResourceResponse($0, localization) }, next: query.next(resources.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let localization = Localization.of(request, query: &query)
        try query.check()
        let id = try context.identifier("id", as: ResourceID.self, resource: "resource")
        guard let resource = try await repository.find(id) else { throw DomainError.notFound(resource: "resource", id: id.rawValue) }
        let etag = ResourceResponse.etag(resource, localization)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag, localized: true) }
        return try Self.respond(resource, localization)
    }

    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: ResourceID.self, resource: "resource")
        let input = try ResourceInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let resource = try await repository.update(id, with: input, expectedVersion: expected, now: clock.now())
        return try Self.respond(resource, .afterWrite(request))
    }

    private static func respond(_ resource: Resource, _ localization: Localization, status: HTTPResponse.Status = .ok,
                                headers: HTTPFields = [:]) throws -> Response {
        try localization.respond(ResourceResponse(resource, localization), language: localization.language(of: resource.title),
                                 etag: ResourceResponse.etag(resource, localization), status: status, headers: headers)
    }

    @Sendable func delete(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: ResourceID.self, resource: "resource")
        try await repository.delete(id, now: clock.now())
        return Response(status: .noContent)
    }
}
