import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// Keyset paging in date order (undated rows last) for events and workshops.
enum DateKeyset {
    /// The sort expression over a table alias: the start date, or a date after every real one.
    static func expression(_ alias: String) -> String { "coalesce(\(alias).starts_on, '9999-12-31')" }

    /// The condition selecting rows after `cursor` in (sort date, seq) order, or in the reverse order.
    static func condition(after cursor: PageCursor, alias: String, descending: Bool = false) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        let after = descending ? "<" : ">"
        guard let key = cursor.dateKey else { return ("\(alias).seq \(after) ?", [cursor.sequence]) }
        let date = self.date(fromKey: key)
        let sort = expression(alias)
        return ("(\(sort) \(after) ? OR (\(sort) = ? AND \(alias).seq \(after) ?))", [date, date, cursor.sequence])
    }

    /// The `ORDER BY` terms: the sort date, then the sequence, both in the order's direction.
    static func orderBy(_ alias: String, descending: Bool) -> String {
        let direction = descending ? " DESC" : ""
        return "\(expression(alias))\(direction), \(alias).seq\(direction)"
    }

    /// `YYYYMMDD` (a cursor's date key) as `YYYY-MM-DD` (the stored form).
    static func date(fromKey key: String) -> String {
        "\(key.prefix(4))-\(key.dropFirst(4).prefix(2))-\(key.suffix(2))"
    }

    /// The cursor of a row: its start date (or the undated key) and its sequence.
    static func cursor(startsOn: String?, seq: Int64?) -> PageCursor {
        PageCursor(sequence: seq ?? 0, dateKey: String(decoding: (startsOn ?? "9999-12-31").utf8.filter { $0 != UInt8(ascii: "-") }, as: UTF8.self))
    }
}
