import EngageCore
import EngageDomain
import EngageRecords
import PostgresKit

/// The SQL of a filtered, keyset-paged event list on PostgreSQL: by start date (undated last), or
/// by relevance for a full-text query. The same order and cursors as the SQLite `EventQuery`.
struct PostgresEventQuery {
    /// A listed event with its search score (lower is better), when the list is ranked.
    struct Row {
        var record: EventRecord
        var rank: Double?
        var cursor: PageCursor {
            let sequence = record.seq ?? 0
            if let rank { return PageCursor(sequence: sequence, rank: rank) }
            return PostgresDateKeyset.cursor(startsOn: record.startsOn, seq: record.seq)
        }
    }

    var filter: EventFilter
    var after: PageCursor?
    var limit: Int?

    func fetch(_ db: any SQLDatabase) async throws -> [Row] {
        let search = filter.query.flatMap(PostgresSearch.tsquery)
        if filter.query != nil, search == nil { return [] }
        let score = search.map { PostgresSearch.score("e", $0, weights: PostgresSearch.eventWeights) }
        var conditions: [SQLQueryString] = []
        if let search { conditions.append(PostgresSearch.matches("e", search)) }
        if !filter.kinds.isEmpty { conditions.append("e.kind = ANY(\(bind: filter.kinds.map(\.rawValue)))") }
        if !filter.statuses.isEmpty { conditions.append("e.status = ANY(\(bind: filter.statuses.map(\.rawValue)))") }
        if let parent = filter.parentEventID { conditions.append("e.parent_event_id = \(bind: parent.rawValue)") }
        if let country = filter.country { conditions.append("e.country = \(bind: country)") }
        if let project = filter.projectID { conditions.append("e.project_id = \(bind: project.rawValue)") }
        if let since = filter.updatedSince { conditions.append("e.updated_at >= \(bind: since)") }
        // Overlap with [from, to]: the event ends on or after `from` and starts on or before `to`.
        if let from = filter.from { conditions.append("e.ends_on >= \(bind: from.description)") }
        if let to = filter.to { conditions.append("e.starts_on <= \(bind: to.description)") }
        if filter.datedOnly { conditions.append("e.starts_on IS NOT NULL") }
        if let after {
            if let score, let rank = after.rank {
                conditions.append("(\(score) > \(bind: rank) OR (\(score) = \(bind: rank) AND e.seq > \(bind: after.sequence)))")
            } else if after.dateKey != nil, search == nil {
                conditions.append(PostgresDateKeyset.condition(after: after, alias: "e"))
            } else {
                // A cursor of another ordering than this list's: start after its row in this order.
                conditions.append("e.seq > \(bind: after.sequence)")
            }
        }
        var sql: SQLQueryString = "SELECT e.*"
        if let score { sql += ", \(score) AS score" }
        sql += " FROM event e"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += score != nil ? " ORDER BY score, e.seq" : " ORDER BY \(PostgresDateKeyset.expression("e")), e.seq"
        if let limit { sql += " LIMIT \(literal: limit)" }
        return try await db.raw(sql).all().map { row in
            Row(record: try EventRecord.decode(row), rank: score != nil ? try row.decode(column: "score", as: Double.self) : nil)
        }
    }
}
