import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// The SQL of a filtered, keyset-paged event list: by start date (undated last), or by
/// relevance for a full-text query.
struct EventQuery {
    static let sortExpression = DateKeyset.expression("e")

    struct Row {
        var record: EventRecord
        var rank: Double?
        var cursor: PageCursor {
            let sequence = record.seq ?? 0
            if let rank { return PageCursor(sequence: sequence, rank: rank) }
            return DateKeyset.cursor(startsOn: record.startsOn, seq: record.seq)
        }
    }

    var filter: EventFilter
    var after: PageCursor?
    var limit: Int?

    func fetch(_ db: Database) throws -> [Row] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let search = filter.query.flatMap(StakeholderQuery.ftsQuery)
        if filter.query != nil, search == nil { return [] }
        var sql = "SELECT e.*"
        if let search {
            sql += ", event_fts.rank AS score FROM event e JOIN event_fts ON event_fts.rowid = e.seq"
            conditions.append("event_fts MATCH ?")
            arguments.append(search)
        } else {
            sql += " FROM event e"
        }
        for condition in [AnyOfCondition("e.kind", filter.kinds.map(\.rawValue)), AnyOfCondition("e.status", filter.statuses.map(\.rawValue))].compactMap({ $0 }) {
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        if let parent = filter.parentEventID { conditions.append("e.parent_event_id = ?"); arguments.append(parent.rawValue) }
        if let country = filter.country { conditions.append("e.country = ?"); arguments.append(country) }
        if let project = filter.projectID { conditions.append("e.project_id = ?"); arguments.append(project.rawValue) }
        if let since = filter.updatedSince { conditions.append("e.updated_at >= ?"); arguments.append(since) }
        // Overlap with [from, to]: the event ends on or after `from` and starts on or before `to`.
        if let from = filter.from { conditions.append("e.ends_on >= ?"); arguments.append(from.description) }
        if let to = filter.to { conditions.append("e.starts_on <= ?"); arguments.append(to.description) }
        if filter.datedOnly { conditions.append("e.starts_on IS NOT NULL") }
        if let after {
            if search != nil, let rank = after.rank {
                conditions.append("(event_fts.rank > ? OR (event_fts.rank = ? AND e.seq > ?))")
                arguments += [rank, rank, after.sequence] as [any DatabaseValueConvertible]
            } else if after.dateKey != nil, search == nil {
                let (condition, values) = DateKeyset.condition(after: after, alias: "e")
                conditions.append(condition)
                arguments += values
            } else {
                // A cursor of another ordering than this list's: start after its row in this order.
                conditions.append("e.seq > ?")
                arguments.append(after.sequence)
            }
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += search != nil ? " ORDER BY event_fts.rank, e.seq" : " ORDER BY \(Self.sortExpression), e.seq"
        if let limit { sql += " LIMIT \(limit)" }
        return try GRDB.Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            Row(record: try EventRecord(row: row), rank: search != nil ? row["score"] : nil)
        }
    }
}
