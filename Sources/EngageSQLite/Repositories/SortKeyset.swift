import EngageDomain
import GRDB

/// Keyset paging in a list order by creation, `updated_at` or name: the sort key, then the sequence,
/// both in the order's direction. The last row's key travels in the cursor (`PageCursor.key`), so a
/// page starts exactly after it even when rows are added meanwhile.
struct SortKeyset {
    /// The column holding the sort key; nil when the order is the sequence itself.
    let keyColumn: String?
    let sequenceColumn: String
    let descending: Bool

    /// `nameColumn` is the folded name (`search_name`).
    init(_ order: ListOrder, alias: String, nameColumn: String = "search_name") {
        switch order.field {
        case .name: keyColumn = "\(alias).\(nameColumn)"
        case .updatedAt: keyColumn = "\(alias).updated_at"
        case .createdAt, .startsOn, .relevance: keyColumn = nil
        }
        sequenceColumn = "\(alias).seq"
        descending = order.descending
    }

    /// The rows after `cursor` in this order.
    func condition(after cursor: PageCursor) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        let after = descending ? "<" : ">"
        if let keyColumn, let key = cursor.key {
            return ("(\(keyColumn) \(after) ? OR (\(keyColumn) = ? AND \(sequenceColumn) \(after) ?))", [key, key, cursor.sequence])
        }
        return ("\(sequenceColumn) \(after) ?", [cursor.sequence])
    }

    /// The `ORDER BY` terms.
    var orderBy: String {
        let direction = descending ? " DESC" : ""
        return keyColumn.map { "\($0)\(direction), \(sequenceColumn)\(direction)" } ?? "\(sequenceColumn)\(direction)"
    }

    /// The select-list addition naming the key `sort_key` (empty when there is none).
    var keySelection: String { keyColumn.map { ", \($0) AS sort_key" } ?? "" }

    /// The cursor of a fetched row.
    func cursor(of row: GRDB.Row, sequence: Int64) -> PageCursor {
        PageCursor(sequence: sequence, key: keyColumn == nil ? nil : row["sort_key"] as String?)
    }
}
