import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// The SQL of a filtered, keyset-paged event list: by start date (undated last; first when
/// descending), by relevance for a full-text query, or by creation or `updated_at` (`sort`).
struct EventQuery {
    struct Row {
        var record: EventRecord
        /// Where the next page starts when this row ends one.
        var cursor: PageCursor
    }

    var filter: EventFilter
    var after: PageCursor?
    var limit: Int?

    func fetch(_ db: Database) throws -> [Row] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let search = filter.query.flatMap(StakeholderQuery.ftsQuery)
        if filter.query != nil, search == nil { return [] }
        // Ranked by relevance, by start date, or a keyset on the order (`ListOrder.effective`).
        let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.startsOn))
        let ranked = order.field == .relevance
        let byDate = order.field == .startsOn
        let keyset = SortKeyset(order, alias: "e")
        var sql = "SELECT e.*" + (ranked || byDate ? "" : keyset.keySelection)
        if let search {
            sql += ", event_fts.rank AS score FROM event e JOIN event_fts ON event_fts.rowid = e.seq"
            conditions.append("event_fts MATCH ?")
            arguments.append(search)
        } else {
            sql += " FROM event e"
        }
        let anyOf = [
            AnyOfCondition("e.kind", filter.kinds.map(\.rawValue)), AnyOfCondition("e.status", filter.statuses.map(\.rawValue)),
            AnyOfCondition("e.region", filter.regions.map(\.rawValue)),
        ]
        for condition in anyOf.compactMap({ $0 }) {
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        if let topics = AnyOfCondition("t.value", filter.topics.map(\.rawValue)) {
            conditions.append("EXISTS (SELECT 1 FROM json_each(e.topics) t WHERE \(topics.sql))")
            arguments += topics.arguments
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
            let condition: (sql: String, arguments: [any DatabaseValueConvertible])
            if ranked, let rank = after.rank {
                condition = ("(event_fts.rank > ? OR (event_fts.rank = ? AND e.seq > ?))", [rank, rank, after.sequence])
            } else if ranked {
                condition = ("e.seq > ?", [after.sequence])
            } else if byDate {
                condition = DateKeyset.condition(after: after, alias: "e", descending: order.descending)
            } else {
                condition = keyset.condition(after: after)
            }
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += ranked ? " ORDER BY score, e.seq"
            : byDate ? " ORDER BY \(DateKeyset.orderBy("e", descending: order.descending))" : " ORDER BY \(keyset.orderBy)"
        if let limit { sql += " LIMIT ?"; arguments.append(limit) }
        return try GRDB.Row.decodeAll(db.queryStatement(sql), arguments: StatementArguments(arguments)) { row in
            let record = try EventRecord(row: row)
            let cursor = ranked ? PageCursor(sequence: record.seq ?? 0, rank: row["score"])
                : byDate ? DateKeyset.cursor(startsOn: record.startsOn, seq: record.seq) : keyset.cursor(of: row, sequence: record.seq ?? 0)
            return Row(record: record, cursor: cursor)
        }
    }
}
