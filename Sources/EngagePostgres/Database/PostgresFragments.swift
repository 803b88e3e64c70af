import EngageRecords
import PostgresKit

/// Shared SQL pieces (`SQLFragment`) as PostgreSQL runs them: a bind for each value.
enum PostgresFragments {
    /// One query string from the pieces.
    static func join(_ fragments: [SQLFragment]) -> SQLQueryString {
        var sql = SQLQueryString("")
        for fragment in fragments {
            switch fragment {
            case .sql(let text): sql.appendInterpolation(unsafeRaw: text)
            case .bind(let value): sql.appendInterpolation(bind: value)
            }
        }
        return sql
    }
}
