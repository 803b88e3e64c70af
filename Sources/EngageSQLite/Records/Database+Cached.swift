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

    /// The rows of `sql`, from this connection's statement cache.
    func rowsCached(_ sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}
