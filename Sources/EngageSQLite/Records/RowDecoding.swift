import GRDB

/// Rows decoded where the statement holds them, for the list paths.
///
/// `Row.fetchAll` copies each row out of its statement, and a copied row finds a column by comparing
/// every column name, lowercased, until one matches: a record of 30 columns read by name costs
/// hundreds of string comparisons a row, about ten times the query itself on a 50-row page. A row
/// read through a cursor finds its columns in the statement's own index instead. The rows do not
/// outlive `decode`: take from each what the caller needs (its record, its cursor) there.
extension Row {
    /// Every row of `sql`, each decoded by `decode` while it is current.
    static func decodeAll<T>(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> [T] {
        try decodeAll(Row.fetchCursor(db, sql: sql, arguments: arguments), decode)
    }

    /// Every row of `request`, each decoded by `decode` while it is current.
    static func decodeAll<T, Request: FetchRequest>(_ db: Database, _ request: Request, _ decode: (Row) throws -> T) throws -> [T] {
        try decodeAll(Row.fetchCursor(db, request), decode)
    }

    /// Every row of a prepared (for example cached) `statement`, each decoded by `decode` while it is current.
    static func decodeAll<T>(_ statement: Statement, arguments: StatementArguments, _ decode: (Row) throws -> T) throws -> [T] {
        try decodeAll(Row.fetchCursor(statement, arguments: arguments), decode)
    }

    private static func decodeAll<T>(_ cursor: RowCursor, _ decode: (Row) throws -> T) throws -> [T] {
        var decoded: [T] = []
        while let row = try cursor.next() { decoded.append(try decode(row)) }
        return decoded
    }
}
