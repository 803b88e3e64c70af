import EngageDomain

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
