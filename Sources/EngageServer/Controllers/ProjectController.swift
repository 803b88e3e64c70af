import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/projects`: the donor-funded projects (staff write, public read).
struct ProjectController: Sendable {
    let repository: any ProjectRepository
    /// The project's totals (organisations reached, people trained, events held) come from the participation statistics.
    let statistics: any StatisticsRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/projects", use: create)
        router.get("/v1/projects", use: list)
        router.get("/v1/projects/:id", use: show)
        router.patch("/v1/projects/:id", use: update)
    }

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try ProjectInput.parse(try await RequestBody.json(request, context: context), creating: true)
        let project = try await Self.unique { try await repository.create(input, now: clock.now()) }
        let localization = Localization.afterWrite(request)
        let counts = ProjectCounts(events: 0, workshops: 0, pilotInitiatives: 0)
        return try localization.respond(ProjectResponse(project, localization, counts: counts), language: localization.language(of: project.title),
                                        etag: ProjectResponse.etag(project, localization, counts: counts), status: .created,
                                        headers: [.location: "/v1/projects/\(project.id)"])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = ProjectFilter(query: query.searchText("q"), donor: query.searchText("donor"), updatedSince: query.updatedSince())
        filter.order = query.order(ProjectFilter.orders)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        let projects = try await repository.list(filter, page: page)
        return try localization.respond(ListResponse(data: projects.items.map { ProjectResponse($0, localization) }, next: query.next(projects.next)))
    }

    /// One project, with the counts of the events, workshops and pilot initiatives linked to it, and its totals.
    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let localization = Localization.of(request, query: &query)
        try query.check()
        let id = try context.identifier("id", as: ProjectID.self, resource: "project")
        guard let (project, counts) = try await repository.find(id) else { throw DomainError.notFound(resource: "project", id: id.rawValue) }
        let totals = ProjectResponse.Totals(try await statistics.participation(ParticipationQuery(projectID: id)))
        let etag = ProjectResponse.etag(project, localization, counts: counts, totals: totals)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag, localized: true) }
        return try localization.respond(ProjectResponse(project, localization, counts: counts, totals: totals),
                                        language: localization.language(of: project.title), etag: etag)
    }

    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: ProjectID.self, resource: "project")
        let input = try ProjectInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let project = try await Self.unique { try await repository.update(id, with: input, expectedVersion: expected, now: clock.now()) }
        let localization = Localization.afterWrite(request)
        return try localization.respond(ProjectResponse(project, localization), language: localization.language(of: project.title),
                                        etag: ProjectResponse.etag(project, localization))
    }

    /// A duplicate code is a 409 that names the project holding it.
    private static func unique(_ body: () async throws -> Project) async throws -> Project {
        do { return try await body() } catch DomainError.duplicate(let detail, let existing) {
            throw Problem.duplicate(detail, at: "/v1/projects/\(existing)")
        }
    }
}
