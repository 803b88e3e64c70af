import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// A shared record (EngageRecords) as PostgreSQL reads and writes it: snake_case columns, `seq`
/// assigned by the database, `id` the key of updates.
protocol RecordTable: Codable, Sendable {
    static var tableName: String { get }
    var id: String { get }
    /// Decodes one row (through `Decodable` unless the record reads its columns itself, `RecordRows`).
    static func decode(_ row: any SQLRow) throws -> Self
}

extension RecordTable {
    /// The decoder for rows of this record.
    static var decoder: SQLRowDecoder { SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase) }

    /// Decodes one row.
    static func decode(_ row: any SQLRow) throws -> Self {
        try row.decode(model: Self.self, with: decoder)
    }

    /// Every row `query` returns, decoded.
    static func fetchAll(_ query: SQLQueryString, in db: any SQLDatabase) async throws -> [Self] {
        try await db.raw(query).all().map(decode)
    }

    /// The first row `query` returns, decoded.
    static func fetchOne(_ query: SQLQueryString, in db: any SQLDatabase) async throws -> Self? {
        try await db.raw(query).first().map(decode)
    }

    /// The row with this ID; `lock` holds it against other writers until the transaction ends.
    ///
    /// The lock is `FOR NO KEY UPDATE`: it excludes every other writer of the row (and `FOR UPDATE`,
    /// `FOR SHARE`), but not the key-share locks that inserting a child row takes, so queuing a
    /// notification to a locked endpoint or adding to a locked parent's children does not wait.
    static func find(_ id: String, lock: Bool = false, in db: any SQLDatabase) async throws -> Self? {
        try await fetchOne("SELECT * FROM \(ident: tableName) WHERE id = \(bind: id)\(unsafeRaw: lock ? " FOR NO KEY UPDATE" : "")", in: db)
    }

    /// Inserts the row (its `seq`, when nil, comes from the database); returns the stored row.
    @discardableResult
    func insert(in db: any SQLDatabase) async throws -> Self {
        let columns = try Self.columns(of: self, dropping: ["seq"])
        var query = SQLQueryString("INSERT INTO \(ident: Self.tableName) (")
        query.appendInterpolation(unsafeRaw: columns.map { "\"\($0.0)\"" }.joined(separator: ", "))
        query.appendLiteral(") VALUES (")
        for (index, column) in columns.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(column.1)
        }
        query.appendLiteral(") RETURNING *")
        guard let stored = try await Self.fetchOne(query, in: db) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        return stored
    }

    /// Writes every column but `seq` to the row with this record's ID.
    func update(in db: any SQLDatabase) async throws {
        let columns = try Self.columns(of: self, dropping: ["seq", "id"])
        var query = SQLQueryString("UPDATE \(ident: Self.tableName) SET ")
        for (index, column) in columns.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(ident: column.0)
            query.appendLiteral(" = ")
            query.appendInterpolation(column.1)
        }
        query.appendLiteral(" WHERE id = ")
        query.appendInterpolation(bind: id)
        try await db.raw(query).run()
    }

    /// The record's Codable columns, and for a `SearchIndexed` record its `search_*` columns (which the
    /// table's generated `search` tsvector reads) unless it encodes them itself.
    private static func columns(of record: Self, dropping: Set<String>) throws -> [(String, any SQLExpression)] {
        var columns = try SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil).encode(record)
            .filter { !dropping.contains($0.0) }
        if let indexed = record as? any SearchIndexed {
            let encoded = Set(columns.map(\.0))
            for (column, value) in indexed.searchColumns.sorted(by: { $0.key < $1.key }) where !encoded.contains(column) {
                columns.append((column, SQLBind(value)))
            }
        }
        return columns
    }
}

extension APIKeyRecord: RecordTable {}
extension EnrolmentRecord: RecordTable {}
extension MailDeliveryRecord: RecordTable {}
extension WebhookDeliveryRecord: RecordTable {}
extension AnnouncementRecord: RecordTable {}
extension EventRegistrationRecord: RecordTable {}
extension PilotInitiativeRecord: RecordTable {}
extension ContactPointRecord: RecordTable {}
extension ProjectRecord: RecordTable {}
extension ResourceRecord: RecordTable {}
extension SideEventApplicationRecord: RecordTable {}
extension StakeholderHistoryRecord: RecordTable {}
extension WorkshopRecord: RecordTable {}

// MARK: - Paging

/// A record with a `seq` column: the stable insertion order that lists and keyset cursors use.
protocol SequencedTable: RecordTable {
    var seq: Int64? { get }
}

extension SequencedTable {
    /// One page after the cursor in `order` (insertion order when nil) of the rows matching
    /// `condition` (a SQL boolean expression, `TRUE` for all), and the cursor of the next page if
    /// there is one. The order's key and the sequence travel in the cursor, as on SQLite.
    static func page(where condition: SQLQueryString, order: ListOrder? = nil, _ page: PageRequest, in db: any SQLDatabase) async throws -> (records: [Self], next: PageCursor?) {
        let rows = try await ordered(where: condition, after: page.after, order: order, limit: page.limit + 1, in: db)
        let visible = Array(rows.prefix(page.limit))
        let next = rows.count > page.limit ? visible.last?.cursor : nil
        return (visible.map(\.record), next)
    }

    /// The rows matching `condition` after `cursor` in `order`, at most `limit` (all when nil), each
    /// with the cursor that resumes after it: for lists that filter further in Swift.
    static func ordered(
        where condition: SQLQueryString, after cursor: PageCursor?, order: ListOrder?, limit: Int?, in db: any SQLDatabase
    ) async throws -> [(record: Self, cursor: PageCursor)] {
        let keyset = PostgresSortKeyset(order ?? ListOrder(.createdAt), alias: tableName)
        var sql: SQLQueryString = "SELECT \(ident: tableName).*\(keyset.keySelection) FROM \(ident: tableName) WHERE (\(condition))"
        if let cursor { sql += " AND \(keyset.condition(after: cursor))" }
        sql += " ORDER BY \(keyset.orderBy)"
        if let limit { sql += " LIMIT \(literal: limit)" }
        return try await db.raw(sql).all().map { row in
            let record = try decode(row)
            return (record, try keyset.cursor(of: row, sequence: record.seq ?? 0))
        }
    }
}

extension APIKeyRecord: SequencedTable {}
extension EnrolmentRecord: SequencedTable {}
extension EventRecord: SequencedTable {}
extension MailDeliveryRecord: SequencedTable {}
extension WebhookDeliveryRecord: SequencedTable {}
extension AnnouncementRecord: SequencedTable {}
extension EventRegistrationRecord: SequencedTable {}
extension PilotInitiativeRecord: SequencedTable {}
extension ContactPointRecord: SequencedTable {}
extension ProjectRecord: SequencedTable {}
extension ResourceRecord: SequencedTable {}
extension SideEventApplicationRecord: SequencedTable {}
extension StakeholderHistoryRecord: SequencedTable {}
extension StakeholderRecord: SequencedTable {}
extension WebhookEndpointRecord: SequencedTable {}
extension WorkshopRecord: SequencedTable {}
