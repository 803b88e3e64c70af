import GRDB

/// Statements the write path runs on every change, prepared once per connection.
///
/// `db.execute(sql:)` and `Row.fetchAll(db, sql:)` compile their SQL on every call, and each
/// compilation runs GRDB's authorizer over every column the statement touches (and over the
/// triggers an INSERT fires). On the single writer connection that compiling was most of a
/// registration's time, so the statements every change runs come from the connection's cache.
/// Only for SQL whose text is fixed, or varies over a small set (an `IN` list's length).
extension Database {
    /// Runs `sql` from this connection's statement cache.
    func executeCached(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// A statement with an `IN` list of `count` values: from the cache while the list is short (the usual
    /// case: one to a few stakeholders), compiled for this call beyond that, so that the cache keeps one
    /// statement per short length and does not grow with every length a long list ever had.
    func statement(_ sql: String, inListOf count: Int) throws -> Statement {
        count <= 8 ? try cachedStatement(sql: sql) : try makeStatement(sql: sql)
    }
}
