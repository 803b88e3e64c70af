import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/me`: an organisation's own affairs across every event, workshop and pilot initiative, for its access
/// token: the profile, and its registrations, side-event applications, enrolments and pilot initiatives, each with
/// its current status. Each list comes as a first page here and pages on at `/v1/me/<list>`, where it also takes
/// `status` (any of), `sort` (`created_at`, `updated_at`, either way) and `updated_since`.
struct MeController: Sendable {
    let stakeholders: any StakeholderRepository
    let registrations: any EventRegistrationRepository
    let applications: any SideEventApplicationRepository
    let workshops: any WorkshopRepository
    let pilotInitiatives: any PilotInitiativeRepository

    /// The lists of `/v1/me`, each also a path of its own.
    enum List: String, CaseIterable {
        case registrations
        case sideEventApplications = "side-event-applications"
        case enrolments
        case pilotInitiatives = "pilot-initiatives"

        var path: String { "/v1/me/\(rawValue)" }
    }

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/me", use: show)
        for list in List.allCases {
            router.get(RouterPath(list.path)) { request, context in try await page(list, request, context) }
        }
    }

    // MARK: Handlers

    /// The organisation and the first page of each list (`limit` applies to each).
    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let id = try Self.organisation(context)
        var query = QueryReader(request, context)
        let first = PageRequest(limit: query.limit())
        let localization = Localization.of(request, query: &query)
        try query.check()
        let none = Filters()
        guard let stakeholder = try await stakeholders.find(id) else { throw DomainError.notFound(resource: "stakeholder", id: id.rawValue) }
        let me = MeResponse(
            stakeholder: StakeholderResponse(stakeholder, audience: context.ownAudience),
            registrations: try await page(.registrations, of: id, none, first, query, localization),
            sideEventApplications: try await page(.sideEventApplications, of: id, none, first, query, localization),
            enrolments: try await page(.enrolments, of: id, none, first, query, localization),
            pilotInitiatives: try await page(.pilotInitiatives, of: id, none, first, query, localization))
        return try JSONResponse.make(me, headers: localization.headers(localization.preference.first))
    }

    /// One list, filtered and sorted as asked, paged by `cursor`.
    func page(_ list: List, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        let id = try Self.organisation(context)
        var query = QueryReader(request, context)
        let filters = Filters(list, &query)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        let found = try await self.page(list, of: id, filters, page, query, localization)
        return try JSONResponse.make(found, headers: localization.headers(localization.preference.first))
    }

    // MARK: Lists

    /// A page of `list` as `ListResponse`, its cursor sealed to `list`'s own path.
    private func page(_ list: List, of id: StakeholderID, _ filters: Filters, _ page: PageRequest, _ query: QueryReader,
                      _ localization: Localization) async throws -> MeResponse.AnyList {
        switch list {
        case .registrations:
            let found = try await registrations.list(for: id, filter: filters.registrations, page: page)
            return .registrations(ListResponse(data: found.items.map(EventRegistrationResponse.init), next: query.next(found.next, for: list.path)))
        case .sideEventApplications:
            let found = try await applications.list(for: id, filter: filters.applications, page: page)
            return .applications(ListResponse(data: found.items.map(SideEventApplicationResponse.init), next: query.next(found.next, for: list.path)))
        case .enrolments:
            let found = try await workshops.enrolments(for: id, filter: filters.enrolments, page: page)
            return .enrolments(ListResponse(data: found.items.map(EnrolmentResponse.init), next: query.next(found.next, for: list.path)))
        case .pilotInitiatives:
            var filter = filters.pilotInitiatives
            filter.stakeholderID = id
            let found = try await pilotInitiatives.list(filter, page: page)
            return .pilotInitiatives(ListResponse(data: found.items.map { PilotInitiativeResponse($0, localization) },
                                                  next: query.next(found.next, for: list.path)))
        }
    }

    /// The organisation of the access token; API keys have no "me".
    private static func organisation(_ context: EngageRequestContext) throws -> StakeholderID {
        switch context.principal {
        case .stakeholder(let id): return id
        case .anonymous: throw Problem.unauthorized("use an organisation's access token")
        case .apiKey: throw Problem.forbidden("an API key has no organisation of its own; use GET /v1/stakeholders/{id} and the lists")
        }
    }
}
