import EngageCore
import EngageDomain
import EngageRecords
import PostgresKit

/// The SQL of a filtered, keyset-paged stakeholder list on PostgreSQL, and the loading of
/// stakeholders' topics and networks.
///
/// A full-text list is ranked by `PostgresSearch.score` (lower is better, as FTS5's rank) and
/// paged by (score, seq); every other list by seq: the same cursors as on SQLite.
struct PostgresStakeholderQuery {
    struct Row {
        var stakeholder: Stakeholder
        /// Where the next page starts when this row ends one: for a full-text search, its score
        /// (lower is better) and sequence.
        var cursor: PageCursor
    }

    var filter: StakeholderFilter
    var after: PageCursor?
    var limit: Int?

    /// The matching stakeholders, with their topics and networks, in list order. One statement,
    /// so each row and its links are one snapshot.
    func fetch(_ reader: PostgresReader) async throws -> [Row] {
        let search = filter.query.flatMap(PostgresSearch.tsquery)
        // A query without a single searchable word matches nothing.
        if filter.query != nil, search == nil { return [] }
        // Ranked by relevance, or a keyset on the order (`ListOrder.effective`).
        let order = ListOrder.effective(filter.order, searching: search != nil, default: ListOrder(.createdAt))
        let ranked = order.field == .relevance
        let keyset = PostgresSortKeyset(order, alias: "s", nameColumn: "search_name")
        var conditions: [SQLQueryString] = []
        var query: SQLQueryString
        if let search, ranked {
            // The score is computed once per row, in a lateral subquery, for the cursor condition and the order.
            let score = PostgresSearch.score("s", search, weights: PostgresSearch.stakeholderWeights)
            query = "SELECT \(unsafeRaw: Self.selection), ranked.score FROM stakeholder s CROSS JOIN LATERAL (SELECT \(score) AS score) ranked"
            conditions.append(PostgresSearch.matches("s", search))
        } else {
            query = "SELECT \(unsafeRaw: Self.selection)\(keyset.keySelection) FROM stakeholder s"
            if let search { conditions.append(PostgresSearch.matches("s", search)) }
        }
        if !filter.statuses.isEmpty { conditions.append(PostgresFragments.oneOf("s.status", filter.statuses.map(\.rawValue))) }
        if !filter.kinds.isEmpty { conditions.append(PostgresFragments.oneOf("s.kind", filter.kinds.map(\.rawValue))) }
        if let country = filter.country { conditions.append("s.country = \(bind: country)") }
        if let since = filter.updatedSince { conditions.append("s.updated_at >= \(bind: since)") }
        if !filter.regions.isEmpty { conditions.append(PostgresFragments.oneOf("s.region", filter.regions.map(\.rawValue))) }
        if !filter.topics.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM stakeholder_topic t WHERE t.stakeholder_id = s.id AND \(PostgresFragments.oneOf("t.topic", filter.topics.map(\.rawValue))))")
        }
        if let network = filter.memberOf {
            conditions.append("EXISTS (SELECT 1 FROM stakeholder_membership m WHERE m.member_id = s.id AND m.network_id = \(bind: network.rawValue))")
        }
        if let after {
            if ranked, let rank = after.rank {
                conditions.append("(ranked.score > \(bind: rank) OR (ranked.score = \(bind: rank) AND s.seq > \(bind: after.sequence)))")
            } else if ranked {
                conditions.append("s.seq > \(bind: after.sequence)")
            } else {
                conditions.append(keyset.condition(after: after))
            }
        }
        for (index, condition) in conditions.enumerated() {
            query.appendLiteral(index == 0 ? " WHERE " : " AND ")
            query.appendInterpolation(condition)
        }
        query.appendInterpolation(ranked ? " ORDER BY ranked.score, s.seq" : " ORDER BY \(keyset.orderBy)" as SQLQueryString)
        if let limit {
            query.appendLiteral(" LIMIT ")
            query.appendInterpolation(literal: limit)
        }

        return try await reader.rows(query).map { row in
            let columns = PostgresRowColumns(row)
            let record = try StakeholderRecord(columns: columns)
            let stakeholder = try Self.model(record, links: columns)
            let cursor = ranked ? PageCursor(sequence: record.seq ?? 0, rank: try columns.double("score"))
                : try keyset.cursor(sequence: record.seq ?? 0) { try columns.string("sort_key") }
            return Row(stakeholder: stakeholder, cursor: cursor)
        }
    }

    /// One stakeholder with its topics and networks, in one statement (one snapshot); nil when there is none.
    static func find(_ id: StakeholderID, with reader: PostgresReader) async throws -> Stakeholder? {
        try await reader.rows(ByID(id: id.rawValue)).first.map { row in
            let columns = PostgresRowColumns(row)
            return try model(try StakeholderRecord(columns: columns), links: columns)
        }
    }

    /// The read by ID, prepared once per connection: the directory's most frequent request.
    struct ByID: PostgresPreparedStatement {
        static let sql = "SELECT \(selection) FROM stakeholder s WHERE s.id = $1"
        var id: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    /// The select list of the reads: the record's columns in its reader's order (not `s.*`, whose
    /// generated `search` vector no reader needs), then the links.
    static let selection = StakeholderRecord.columnNames.map { "s.\"\($0)\"" }.joined(separator: ", ") + ", " + links("s")

    // MARK: Links

    /// Domain models for records already read (and locked) in this transaction: their topics and
    /// networks, read in one statement after the records, so they are at least as new as the rows.
    static func models(for records: [StakeholderRecord], in db: any SQLDatabase) async throws -> [Stakeholder] {
        guard !records.isEmpty else { return [] }
        let rows = try await db.raw("SELECT s.id, \(unsafeRaw: links("s")) FROM stakeholder s WHERE s.id = ANY(\(bind: records.map(\.id)))").all()
        var links: [String: any SQLRow] = [:]
        for row in rows { links[try row.decode(column: "id", as: String.self)] = row }
        return try records.map { record in
            guard let row = links[record.id] else { throw StorageError.corruptRow(table: StakeholderRecord.tableName, id: record.id) }
            return try model(record, links: row)
        }
    }

    /// The columns `topic_list`, `network_list` and `approved_network_list` of the stakeholder
    /// aliased `alias`: its topics in code-point order (as SQLite's binary collation sorts), its
    /// networks and its approved networks in membership order.
    /// Plain text (the alias and the status are the code's own), so a prepared statement can hold it.
    private static func links(_ alias: String) -> String {
        """
        ARRAY(SELECT t.topic FROM stakeholder_topic t WHERE t.stakeholder_id = \(alias).id ORDER BY t.topic COLLATE "C") AS topic_list,
        ARRAY(SELECT m.network_id FROM stakeholder_membership m WHERE m.member_id = \(alias).id ORDER BY m.position) AS network_list,
        ARRAY(SELECT m.network_id FROM stakeholder_membership m JOIN stakeholder n ON n.id = m.network_id
              WHERE m.member_id = \(alias).id AND n.status = '\(StakeholderStatus.approved.rawValue)' ORDER BY m.position) AS approved_network_list
        """
    }

    /// The domain model of a record read with `selection`, its links the next columns of the same row.
    private static func model(_ record: StakeholderRecord, links columns: PostgresRowColumns) throws -> Stakeholder {
        try record.model(
            topics: try columns.strings("topic_list").compactMap(Topic.init(rawValue:)),
            memberOf: try columns.strings("network_list").map(StakeholderID.init(unchecked:)),
            approvedNetworks: try columns.strings("approved_network_list").map(StakeholderID.init(unchecked:)))
    }

    /// The domain model of a record, given a row holding its `links` columns.
    private static func model(_ record: StakeholderRecord, links row: any SQLRow) throws -> Stakeholder {
        try record.model(
            topics: try row.decode(column: "topic_list", as: [String].self).compactMap(Topic.init(rawValue:)),
            memberOf: try row.decode(column: "network_list", as: [String].self).map(StakeholderID.init(unchecked:)),
            approvedNetworks: try row.decode(column: "approved_network_list", as: [String].self).map(StakeholderID.init(unchecked:)))
    }
}
