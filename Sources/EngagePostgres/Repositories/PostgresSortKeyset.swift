import EngageDomain
import PostgresKit

/// Keyset paging in a list order by creation, `updated_at` or name on PostgreSQL: the same orders
/// as the SQLite `SortKeyset` (names compared byte-wise, `COLLATE "C"`, as SQLite does).
struct PostgresSortKeyset {
    private enum Key { case none, name(String), updatedAt }

    private let key: Key
    private let alias: String
    let descending: Bool

    /// `nameColumn` is the folded name (`search_name`).
    init(_ order: ListOrder, alias: String, nameColumn: String = "search_name") {
        switch order.field {
        case .name: key = .name(nameColumn)
        case .updatedAt: key = .updatedAt
        case .createdAt, .startsOn, .relevance: key = .none
        }
        self.alias = alias
        descending = order.descending
    }

    /// The sort key's expression; nil when the order is the sequence itself.
    private var expression: SQLQueryString? {
        switch key {
        case .none: nil
        case .name(let column): "(\(ident: alias).\(ident: column) COLLATE \"C\")"
        case .updatedAt: "\(ident: alias).updated_at"
        }
    }

    /// A cursor's key as a value of the key's type.
    private func value(_ key: String) -> SQLQueryString {
        switch self.key {
        case .updatedAt: "CAST(\(bind: key) AS timestamptz)"
        default: "\(bind: key)"
        }
    }

    /// The rows after `cursor` in this order.
    func condition(after cursor: PageCursor) -> SQLQueryString {
        let after = descending ? "<" : ">"
        if let expression, let key = cursor.key {
            return "(\(expression) \(unsafeRaw: after) \(value(key)) OR (\(expression) = \(value(key)) AND \(ident: alias).seq \(unsafeRaw: after) \(bind: cursor.sequence)))"
        }
        return "\(ident: alias).seq \(unsafeRaw: after) \(bind: cursor.sequence)"
    }

    /// The `ORDER BY` terms.
    var orderBy: SQLQueryString {
        let direction = descending ? " DESC" : ""
        guard let expression else { return "\(ident: alias).seq\(unsafeRaw: direction)" }
        return "\(expression)\(unsafeRaw: direction), \(ident: alias).seq\(unsafeRaw: direction)"
    }

    /// The select-list addition naming the key (as text) `sort_key`.
    var keySelection: SQLQueryString {
        switch key {
        case .none: ""
        case .name(let column): ", \(ident: alias).\(ident: column) AS sort_key"
        case .updatedAt: ", \(ident: alias).updated_at::text AS sort_key"
        }
    }

    /// The cursor of a fetched row.
    func cursor(of row: any SQLRow, sequence: Int64) throws -> PageCursor {
        try cursor(sequence: sequence) { try row.decode(column: "sort_key", as: String.self) }
    }

    /// The cursor of a fetched row whose `sort_key` column `sortKey` reads (only when the order has a key).
    func cursor(sequence: Int64, sortKey: () throws -> String) throws -> PageCursor {
        if case .none = key { return PageCursor(sequence: sequence) }
        return PageCursor(sequence: sequence, key: try sortKey())
    }
}
