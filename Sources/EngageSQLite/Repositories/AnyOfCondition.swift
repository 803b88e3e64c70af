import GRDB

/// A filter that matches any of several values: `column IN (?, …)` with its arguments.
struct AnyOfCondition {
    let sql: String
    let arguments: [any DatabaseValueConvertible]

    /// Nil for an empty list of values: it does not filter.
    init?(_ column: String, _ values: [String]) {
        guard !values.isEmpty else { return nil }
        sql = "\(column) IN \(SQLList.placeholders(values.count))"
        arguments = values
    }
}
