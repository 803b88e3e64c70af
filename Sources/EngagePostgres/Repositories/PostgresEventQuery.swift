import EngageCore
import EngageDomain
import EngageRecords
import PostgresKit

/// The SQL of a filtered, keyset-paged event list on PostgreSQL: by start date (undated last; first
/// when descending), by relevance for a full-text query, or by creation or `updated_at` (`sort`). The same order and cursors as the SQLite `EventQuery`.
struct PostgresEventQuery {
    /// A listed event with its search score (lower is better), when the list is ranked.
    struct Row {
        var record: EventRecord
        /// Where the next page starts when this row ends one.
        var cursor: PageCursor
    }

    var filter: EventFilter
    var after: PageCursor?
    var limit: Int?

    func fetch(_ reader: PostgresReader) async throws -> [Row] {
        let search = filter.query.flatMap(PostgresSearch.tsquery)
        if filter.query != nil, search == nil { return [] }
        // Ranked by relevance, by start date, or a keyset on the order (`ListOrder.effective`).
        let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.startsOn))
        let ranked = order.field == .relevance
        let byDate = order.field == .startsOn
        let keyset = PostgresSortKeyset(order, alias: "e")
        let score = ranked ? search.map { PostgresSearch.score("e", $0, weights: PostgresSearch.eventWeights) } : nil
        var conditions: [SQLQueryString] = []
        if let search { conditions.append(PostgresSearch.matches("e", search)) }
        if !filter.kinds.isEmpty { conditions.append(PostgresFragments.oneOf("e.kind", filter.kinds.map(\.rawValue))) }
        if !filter.statuses.isEmpty { conditions.append(PostgresFragments.oneOf("e.status", filter.statuses.map(\.rawValue))) }
        if !filter.regions.isEmpty { conditions.append(PostgresFragments.oneOf("e.region", filter.regions.map(\.rawValue))) }
        if !filter.topics.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.topics::jsonb) t WHERE \(PostgresFragments.oneOf("t", filter.topics.map(\.rawValue))))")
        }
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
            } else if ranked {
                conditions.append("e.seq > \(bind: after.sequence)")
            } else if byDate {
                conditions.append(PostgresDateKeyset.condition(after: after, alias: "e", descending: order.descending))
            } else {
                conditions.append(keyset.condition(after: after))
            }
        }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.selection)"
        if let score { sql += ", \(score) AS score" } else if !byDate { sql += keyset.keySelection }
        sql += " FROM event e"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += score != nil ? " ORDER BY score, e.seq"
            : byDate ? " ORDER BY \(PostgresDateKeyset.orderBy("e", descending: order.descending))" : " ORDER BY \(keyset.orderBy)"
        if let limit { sql += " LIMIT \(literal: limit)" }
        return try await reader.rows(sql).map { row in
            let columns = PostgresRowColumns(row)
            let record = try EventRecord(columns: columns)
            let cursor = score != nil ? PageCursor(sequence: record.seq ?? 0, rank: try columns.double("score"))
                : byDate ? PostgresDateKeyset.cursor(startsOn: record.startsOn, seq: record.seq)
                : try keyset.cursor(sequence: record.seq ?? 0) { try columns.string("sort_key") }
            return Row(record: record, cursor: cursor)
        }
    }

    /// The record's columns in its reader's order: not `e.*`, whose generated `search` vector no reader needs.
    static let selection = EventRecord.columnNames.map { "e.\"\($0)\"" }.joined(separator: ", ")
}
