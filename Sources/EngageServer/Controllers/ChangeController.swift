import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/changes`: the change feed, for staying in sync. Every notified change to a stakeholder, event,
/// registration, side-event application, workshop, enrolment, pilot initiative, project, resource or
/// announcement, in commit order, with tombstones for what was deleted. Scoped like the resources:
/// anonymous callers see public changes, API keys every change, an organisation's token the public
/// ones and its own.
struct ChangeController: Sendable {
    let repository: any ChangeFeedRepository

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/changes", use: list)
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let types = query.enumerations("type", ChangeResourceType.self)
        let page = query.feedPage()
        try query.check()
        let filter = ChangeFilter(types: types, scope: Self.scope(of: context.principal))
        let found = try await repository.list(filter, page: page)
        let position = found.items.last.map { PageCursor(sequence: $0.sequence) } ?? page.after ?? PageCursor(sequence: 0)
        return try JSONResponse.make(ChangeFeedResponse(
            data: found.items.map(ChangeFeedResponse.Entry.init), nextCursor: query.feedPosition(position), hasMore: found.next != nil))
    }

    /// What a caller may see of the feed.
    private static func scope(of principal: Principal) -> ChangeFilter.Scope {
        switch principal {
        case .anonymous: .publicOnly
        case .apiKey: .everything
        case .stakeholder(let id): .stakeholder(id)
        }
    }
}
