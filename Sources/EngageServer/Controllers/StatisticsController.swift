import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/statistics`: figures computed by the database.
struct StatisticsController: Sendable {
    let repository: any StatisticsRepository

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/statistics/directory", use: directory)
    }

    /// The WhatsOn hub's counts (public): approved organisations only.
    @Sendable func directory(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let query = QueryReader(request)
        try query.check()
        return try JSONResponse.make(DirectoryStatisticsResponse(try await repository.directory()))
    }
}

/// `GET /v1/statistics/directory`.
struct DirectoryStatisticsResponse: Encodable, Sendable {
    struct Count: Encodable, Sendable {
        var key: String
        var count: Int
    }

    var total: Int
    var byKind: [Count]
    var byRegion: [Count]
    var byCountry: [Count]
    var byTopic: [Count]
    var byMonth: [Count]

    init(_ statistics: DirectoryStatistics) {
        let map = { (counts: [DirectoryStatistics.Count]) in counts.map { Count(key: $0.key, count: $0.count) } }
        total = statistics.total
        byKind = map(statistics.byKind)
        byRegion = map(statistics.byRegion)
        byCountry = map(statistics.byCountry)
        byTopic = map(statistics.byTopic)
        byMonth = map(statistics.byMonth)
    }
}
