import EngageCore
import EngageDomain
import EngageRecords
import PostgresKit

/// The PostgreSQL implementation of `StatisticsRepository`: one grouped query per figure, in one read transaction.
struct PostgresStatisticsRepository: StatisticsRepository {
    private let database: PostgresDatabase
    private let cache = ParticipationCache()

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func directory() async throws -> DirectoryStatistics {
        try await database.snapshot { db in
            let approved = "FROM stakeholder s WHERE s.status = 'approved'"
            func counts(_ key: String, _ from: String = approved) async throws -> [DirectoryStatistics.Count] {
                try await db.raw("""
                    SELECT \(unsafeRaw: key) AS key, COUNT(*)::INTEGER AS n \(unsafeRaw: from) AND \(unsafeRaw: key) IS NOT NULL
                    GROUP BY 1 ORDER BY \(unsafeRaw: key) COLLATE "C"
                    """).all().map {
                    DirectoryStatistics.Count(key: try $0.decode(column: "key", as: String.self), count: try $0.decode(column: "n", as: Int.self))
                }
            }
            let total = try await db.raw("SELECT COUNT(*)::INTEGER AS n \(unsafeRaw: approved)").first()?.decode(column: "n", as: Int.self) ?? 0
            return DirectoryStatistics(
                total: total,
                byKind: try await counts("s.kind"),
                byRegion: try await counts("s.region"),
                byCountry: try await counts("s.country"),
                byTopic: try await counts("t.topic", "FROM stakeholder s JOIN stakeholder_topic t ON t.stakeholder_id = s.id WHERE s.status = 'approved'"),
                byMonth: try await counts("to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM')")
            )
        }
    }

    func participation(_ query: ParticipationQuery) async throws -> ParticipationStatistics {
        let database = self.database
        let stamp = try await database.read { db in try await Self.stamp(db) }
        return try await cache.answer(query, at: stamp) {
            try await database.snapshot { db in
                // One snapshot: the stamp and every figure see the same commits, so the answer is exactly the stamp's.
                (try await Self.stamp(db), try await Self.compute(query, db))
            }
        }
    }

    private static func stamp(_ db: any SQLDatabase) async throws -> Int64 {
        try await db.raw(SQLQueryString(stringLiteral: StatisticsStamp.query)).first()?.decode(column: "version", as: Int64.self) ?? 0
    }

    private static func compute(_ query: ParticipationQuery, _ db: any SQLDatabase) async throws -> ParticipationStatistics {
        func rows(_ fragments: [ParticipationSQL.Fragment]) async throws -> [any SQLRow] {
            try await db.raw(PostgresFragments.join(fragments)).all()
        }
        var totalsQuery = query
        totalsQuery.groupBy = []
        let totals = try await rows(ParticipationSQL.figures(totalsQuery, .postgres)).first.map { row in
            try ParticipationSQL.figures { try row.decode(column: $0, as: Int.self) }
        } ?? .zero
        let groups = query.groupBy.isEmpty ? [] : try await rows(ParticipationSQL.figures(query, .postgres)).map { row in
            try ParticipationSQL.group(
                query, value: { try row.decode(column: $0, as: String?.self) }, count: { try row.decode(column: $0, as: Int.self) })
        }
        let held = try await rows(ParticipationSQL.held(query)).first
        return ParticipationStatistics(
            totals: totals, eventsHeld: try held?.decode(column: "events_held", as: Int.self) ?? 0,
            workshopsHeld: try held?.decode(column: "workshops_held", as: Int.self) ?? 0, groups: groups)
    }
}
