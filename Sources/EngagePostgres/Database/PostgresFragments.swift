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

    /// `column` equal to one of `values`: `= $1` for a single value, `= ANY($1)` for several. PostgreSQL 15
    /// reads an index in order only under plain equality, so a list filtered by one status and a country
    /// reads its first page from the (status, country, seq) index instead of sorting every match.
    static func oneOf(_ column: String, _ values: [String]) -> SQLQueryString {
        values.count == 1 ? "\(unsafeRaw: column) = \(bind: values[0])" : "\(unsafeRaw: column) = ANY(\(bind: values))"
    }
}
