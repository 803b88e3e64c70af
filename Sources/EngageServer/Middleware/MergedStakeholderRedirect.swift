import EngageCore
import EngageDomain
import Hummingbird

/// Answers `308 Permanent Redirect` for a read (GET, HEAD) of a stakeholder record that was merged
/// into another: `/v1/stakeholders/{merged}/…` leads to the same path under the survivor's ID, query
/// kept. A write to the merged ID stays a 404: a client following the redirect would otherwise
/// replay a decision, an erasure or another merge on the survivor, which nobody asked for.
///
/// It runs only when a handler found no such stakeholder, so other requests pay nothing. An anonymous
/// caller is redirected only when both records were in the public directory: the redirect reveals no
/// more than the two public pages would.
struct MergedStakeholderRedirect: RouterMiddleware {
    typealias Context = EngageRequestContext

    let stakeholders: any StakeholderRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch DomainError.notFound(let resource, let id) where resource == "stakeholder" && [.get, .head].contains(request.method) {
            guard let location = try await location(request, merged: id, context: context) else {
                throw DomainError.notFound(resource: resource, id: id)
            }
            let survivor = location.survivor
            return try JSONResponse.make(MovedResponse(id: id, mergedInto: survivor.rawValue), status: .permanentRedirect, headers: [
                .location: location.path, .cacheControl: "no-cache", .vary: "Authorization",
            ])
        }
    }

    /// Where the request goes, when its path names the merged `id` and the caller may see the survivor.
    private func location(_ request: Request, merged id: String, context: Context) async throws -> (path: String, survivor: StakeholderID)? {
        var segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 4, segments[1] == "v1", segments[2] == "stakeholders", segments[3] == id,
              let merged = StakeholderID(rawValue: id), case let (survivor, wasPublic)? = try await stakeholders.survivor(of: merged) else { return nil }
        let principal = context.principal
        if !principal.canReadPrivateData, !principal.isStakeholder(survivor) {
            guard wasPublic else { return nil }
            guard try await stakeholders.find(survivor)?.status == .approved else { return nil }
        }
        segments[3] = Substring(survivor.rawValue)
        let query = request.uri.query.map { "?\($0)" } ?? ""
        return (segments.joined(separator: "/") + query, survivor)
    }
}

/// The body of a redirect from a merged stakeholder's ID.
private struct MovedResponse: Encodable {
    var id: String
    var mergedInto: String
}
