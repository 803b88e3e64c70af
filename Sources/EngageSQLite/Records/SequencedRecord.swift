import EngageDomain
import EngageRecords
import GRDB

/// A record with an `INTEGER PRIMARY KEY AUTOINCREMENT` column `seq`: the stable insertion
/// order that lists and keyset cursors use.
protocol SequencedRecord: FetchableRecord, TableRecord {
    var seq: Int64? { get }
}

extension QueryInterfaceRequest where RowDecoder: SequencedRecord {
    /// One page after the cursor in `order` (insertion order when nil), and the cursor of the next
    /// page if there is one. The order's key and the sequence travel in the cursor, so rows inserted
    /// while a client pages never shift or repeat a page (a row changed meanwhile moves in an
    /// `updated_at` order: a mirror follows `updated_since` or the change feed instead).
    func page(_ page: PageRequest, order: ListOrder? = nil, in db: Database) throws -> (records: [RowDecoder], next: PageCursor?) {
        let rows = try ordered(after: page.after, order: order, limit: page.limit + 1, in: db)
        let visible = Array(rows.prefix(page.limit))
        let next = rows.count > page.limit ? visible.last?.cursor : nil
        return (visible.map(\.record), next)
    }

    /// The rows after `cursor` in `order` (insertion order when nil), at most `limit` of them (all
    /// when nil), each with the cursor that resumes after it: for lists that filter further in Swift.
    func ordered(after cursor: PageCursor?, order: ListOrder?, limit: Int?, in db: Database) throws -> [(record: RowDecoder, cursor: PageCursor)] {
        let keyset = SortKeyset(order ?? ListOrder(.createdAt), alias: RowDecoder.databaseTableName)
        var request = self
        if let cursor {
            let (sql, arguments) = keyset.condition(after: cursor)
            request = request.filter(sql: sql, arguments: StatementArguments(arguments))
        }
        if let keyColumn = keyset.keyColumn { request = request.annotated(with: SQL(sql: "\(keyColumn) AS sort_key")) }
        request = request.order(sql: keyset.orderBy)
        if let limit { request = request.limit(limit) }
        return try Row.decodeAll(db, request) { row in
            let record = try RowDecoder(row: row)
            return (record, keyset.cursor(of: row, sequence: record.seq ?? 0))
        }
    }
}
