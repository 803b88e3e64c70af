/// A mistake in a hot read's SQL or its reader, found when the read runs (the tests run every one).
enum PostgresRowError: Error, CustomStringConvertible {
    /// The row has no column of that name: a select list out of step with its reader.
    case missingColumn(String)
    /// A bind that is not a PostgresNIO value (`PostgresReader` binds only those, and NULL).
    case unsupportedBind(String)

    var description: String {
        switch self {
        case .missingColumn(let column): "the row has no column \(column)"
        case .unsupportedBind(let type): "a value of type \(type) cannot be bound to a PostgreSQL statement"
        }
    }
}
