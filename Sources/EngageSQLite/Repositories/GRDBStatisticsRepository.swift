import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// The SQLite implementation of `StatisticsRepository`: one grouped query per figure, in one read transaction.
public struct GRDBStatisticsRepository: StatisticsRepository {
    private let reader: any DatabaseReader
    private let cache = ParticipationCache()

    public init(_ database: AppDatabase) {
        reader = database.writer.connection
    }

    public func directory() async throws -> DirectoryStatistics {
        try await reader.read { db in
            let approved = "FROM stakeholder s WHERE s.status = 'approved'"
            func counts(_ key: String, _ from: String = approved) throws -> [DirectoryStatistics.Count] {
                try Row.fetchAll(db, sql: "SELECT \(key) AS key, COUNT(*) AS n \(from) AND \(key) IS NOT NULL GROUP BY 1 ORDER BY 1").map {
                    DirectoryStatistics.Count(key: $0["key"], count: $0["n"])
                }
            }
            return DirectoryStatistics(
                total: try Int.fetchOne(db, sql: "SELECT COUNT(*) \(approved)") ?? 0,
                byKind: try counts("s.kind"),
                byRegion: try counts("s.region"),
                byCountry: try counts("s.country"),
                byTopic: try counts("t.topic", "FROM stakeholder s JOIN stakeholder_topic t ON t.stakeholder_id = s.id WHERE s.status = 'approved'"),
                byMonth: try counts("substr(s.created_at, 1, 7)")
            )
        }
    }

    public func participation(_ query: ParticipationQuery) async throws -> ParticipationStatistics {
        let reader = self.reader
        let stamp = try await reader.read { db in try Int64.fetchOne(db, sql: StatisticsStamp.query) ?? 0 }
        return try await cache.answer(query, at: stamp) {
            // The stamp and the figures are read in one transaction: the answer is exactly the stamp's.
            try await reader.read { db in (try Int64.fetchOne(db, sql: StatisticsStamp.query) ?? 0, try Self.compute(query, db)) }
        }
    }

    private static func compute(_ query: ParticipationQuery, _ db: Database) throws -> ParticipationStatistics {
        func rows(_ fragments: [ParticipationSQL.Fragment]) throws -> [Row] {
            let (sql, arguments) = SQLiteFragments.join(fragments)
            return try Row.fetchAll(db, sql: sql, arguments: arguments)
        }
        var totalsQuery = query
        totalsQuery.groupBy = []
        let totals = try rows(ParticipationSQL.figures(totalsQuery, .sqlite)).first.map { row in
            try ParticipationSQL.figures { row[$0] }
        } ?? .zero
        let groups = query.groupBy.isEmpty ? [] : try rows(ParticipationSQL.figures(query, .sqlite)).map { row in
            try ParticipationSQL.group(query, value: { row[$0] }, count: { row[$0] })
        }
        let held = try rows(ParticipationSQL.held(query)).first
        return ParticipationStatistics(
            totals: totals, eventsHeld: held?["events_held"] ?? 0, workshopsHeld: held?["workshops_held"] ?? 0, groups: groups)
    }
}
