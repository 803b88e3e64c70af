import EngageCore
import EngageDomain
import GRDB

/// The SQLite implementation of `StatisticsRepository`: one grouped query per figure, in one read transaction.
public struct GRDBStatisticsRepository: StatisticsRepository {
    private let reader: any DatabaseReader

    public init(_ database: AppDatabase) {
        reader = database.writer
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
}
