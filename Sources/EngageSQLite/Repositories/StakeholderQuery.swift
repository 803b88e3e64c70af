import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// The SQL of a filtered, keyset-paged stakeholder list.
struct StakeholderQuery {
    struct Row {
        var record: StakeholderRecord
        /// Where the next page starts when this row ends one: for a ranked search, its FTS5 rank
        /// (weighted bm25, lower is better; FTS5's hidden `rank` column, aliased `score`) and sequence.
        var cursor: PageCursor
    }

    var filter: StakeholderFilter
    var after: PageCursor?
    var limit: Int?

    func fetch(_ db: Database) throws -> [Row] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let search = filter.query.flatMap(Self.ftsQuery)
        // A query without a single searchable word matches nothing.
        if filter.query != nil, search == nil { return [] }
        // Ranked by relevance, or a keyset on the order (`ListOrder.effective`).
        let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.createdAt))
        let ranked = order.field == .relevance
        let keyset = SortKeyset(order, alias: "s", nameColumn: "search_name")
        var sql = "SELECT s.*" + (ranked ? "" : keyset.keySelection)
        if let search {
            sql += ", stakeholder_fts.rank AS score FROM stakeholder s JOIN stakeholder_fts ON stakeholder_fts.rowid = s.seq"
            conditions.append("stakeholder_fts MATCH ?")
            arguments.append(search)
        } else {
            sql += " FROM stakeholder s"
        }
        func anyOf(_ column: String, _ values: [String]) {
            guard let condition = AnyOfCondition(column, values) else { return }
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        anyOf("s.status", filter.statuses.map(\.rawValue))
        anyOf("s.kind", filter.kinds.map(\.rawValue))
        if let country = filter.country { conditions.append("s.country = ?"); arguments.append(country) }
        if let since = filter.updatedSince { conditions.append("s.updated_at >= ?"); arguments.append(since) }
        anyOf("s.region", filter.regions.map(\.rawValue))
        if let topics = AnyOfCondition("t.topic", filter.topics.map(\.rawValue)) {
            conditions.append("EXISTS (SELECT 1 FROM stakeholder_topic t WHERE t.stakeholder_id = s.id AND \(topics.sql))")
            arguments += topics.arguments
        }
        if let network = filter.memberOf {
            conditions.append("EXISTS (SELECT 1 FROM stakeholder_membership m WHERE m.member_id = s.id AND m.network_id = ?)")
            arguments.append(network.rawValue)
        }
        if let after {
            if ranked, let rank = after.rank {
                conditions.append("(stakeholder_fts.rank > ? OR (stakeholder_fts.rank = ? AND s.seq > ?))")
                arguments += [rank, rank, after.sequence] as [any DatabaseValueConvertible]
            } else if ranked {
                conditions.append("s.seq > ?")
                arguments.append(after.sequence)
            } else {
                let condition = keyset.condition(after: after)
                conditions.append(condition.sql)
                arguments += condition.arguments
            }
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += ranked ? " ORDER BY score, s.seq" : " ORDER BY \(keyset.orderBy)"
        if let limit { sql += " LIMIT ?"; arguments.append(limit) }

        return try GRDB.Row.decodeAll(db.queryStatement(sql), arguments: StatementArguments(arguments)) { row in
            let record = try StakeholderRecord(row: row)
            let cursor = ranked ? PageCursor(sequence: record.seq ?? 0, rank: row["score"]) : keyset.cursor(of: row, sequence: record.seq ?? 0)
            return Row(record: record, cursor: cursor)
        }
    }

    /// A safe FTS5 query from free text, folded as the indexed `search_*` columns are (`SearchText`):
    /// every term required and quoted (so no FTS5 operator can be injected), a CJK run as a phrase of its
    /// characters (`"腐 败"`), the last word as a prefix (`"traff"*`). Nil without a searchable word.
    static func ftsQuery(_ text: String) -> String? {
        let terms = SearchText.query(text)
        guard !terms.isEmpty else { return nil }
        return terms.map { term in
            let phrase = term.words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
            return "\"" + phrase + "\"" + (term.isPrefix ? "*" : "")
        }.joined(separator: " ")
    }
}
