import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/workshops`: trainings with limited seats, their lifecycle and history (staff write, public read).
struct WorkshopController: Sendable {
    let repository: any WorkshopRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/workshops", use: create)
        router.get("/v1/workshops", use: list)
        router.get("/v1/workshops/:id", use: show)
        router.patch("/v1/workshops/:id", use: update)
        for action in LifecycleAction.allCases {
            router.post("/v1/workshops/:id/\(action.rawValue)") { try await transition(action, $0, $1) }
        }
        router.get("/v1/workshops/:id/history", use: history)
    }

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try WorkshopInput.parse(try await RequestBody.json(request, context: context), creating: true)
        let summary = try await repository.create(input, actor: context.principal.actor, now: clock.now())
        return try Self.respond(summary, .afterWrite(request), status: .created, headers: [.location: "/v1/workshops/\(summary.workshop.id)"])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = WorkshopFilter(
            statuses: query.enumerations("status", EventStatus.self), series: query.searchText("series"), country: query.country("country"),
            regions: query.enumerations("region", UNRegion.self), projectID: query.identifier("project_id", ProjectID.self))
        filter.updatedSince = query.updatedSince()
        filter.order = query.order(WorkshopFilter.orders)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        let workshops = try await repository.list(filter, page: page)
        return try localization.respond(ListResponse(data: workshops.items.map { WorkshopResponse($0, localization) }, next: query.next(workshops.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let localization = Localization.of(request, query: &query)
        try query.check()
        let id = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        guard let summary = try await repository.find(id) else { throw DomainError.notFound(resource: "workshop", id: id.rawValue) }
        let etag = WorkshopResponse.etag(summary, localization)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag, localized: true) }
        return try Self.respond(summary, localization)
    }

    /// Merge-patch by staff; raising `capacity` promotes from the waiting list, lowering it below the confirmed count is a 409.
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        let input = try WorkshopInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let summary = try await repository.update(id, with: input, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try Self.respond(summary, .afterWrite(request))
    }

    private func transition(_ action: LifecycleAction, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        let change = try EventTransition.parse(action, try await RequestBody.optionalJSON(request, context: context))
        let expected = try ConditionalRequest.expectedVersion(request)
        let summary = try await repository.transition(id, change, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try Self.respond(summary, .afterWrite(request))
    }

    private static func respond(_ summary: WorkshopSummary, _ localization: Localization, status: HTTPResponse.Status = .ok,
                                headers: HTTPFields = [:]) throws -> Response {
        try localization.respond(WorkshopResponse(summary, localization), language: localization.language(of: summary.workshop.title),
                                 etag: WorkshopResponse.etag(summary, localization), status: status, headers: headers)
    }

    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try await HistoryResponse.page(request, context, WorkshopID.self, resource: "workshop") { try await repository.history(of: $0, page: $1) }
    }
}
