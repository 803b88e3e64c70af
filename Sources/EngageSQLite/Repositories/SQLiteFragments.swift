import EngageRecords
import GRDB

/// Shared SQL pieces (`SQLFragment`) as SQLite runs them: `?` for each bind.
enum SQLiteFragments {
    /// The SQL text and its arguments, in order.
    static func join(_ fragments: [SQLFragment]) -> (String, StatementArguments) {
        var sql = "", arguments: [String] = []
        for fragment in fragments {
            switch fragment {
            case .sql(let text): sql += text
            case .bind(let value): sql += "?"; arguments.append(value)
            }
        }
        return (sql, StatementArguments(arguments))
    }
}
