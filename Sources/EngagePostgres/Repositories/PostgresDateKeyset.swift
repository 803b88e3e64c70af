import EngageCore
import EngageDomain
import PostgresKit

/// Keyset paging in date order (undated rows last) for events and workshops on PostgreSQL: the
/// same order and the same `d_<YYYYMMDD>_<seq>` cursors as the SQLite `DateKeyset`.
enum PostgresDateKeyset {
    /// The date that sorts every undated row after every real one.
    static let undated = "9999-12-31"

    /// The sort expression over a table alias: the start date, or a date after every real one.
    /// Dates are ISO `YYYY-MM-DD` text, compared with the byte-wise `C` collation so the order
    /// does not depend on the database's locale.
    static func expression(_ alias: String) -> SQLQueryString {
        "(coalesce(\(ident: alias).starts_on, \(unsafeRaw: "'\(undated)'")) COLLATE \"C\")"
    }

    /// The condition selecting rows after `cursor` in (sort date, seq) order, or in the reverse order.
    static func condition(after cursor: PageCursor, alias: String, descending: Bool = false) -> SQLQueryString {
        let after = descending ? "<" : ">"
        guard let key = cursor.dateKey else { return "\(ident: alias).seq \(unsafeRaw: after) \(bind: cursor.sequence)" }
        let date = self.date(fromKey: key)
        let sort = expression(alias)
        return "(\(sort) \(unsafeRaw: after) \(bind: date) OR (\(sort) = \(bind: date) AND \(ident: alias).seq \(unsafeRaw: after) \(bind: cursor.sequence)))"
    }

    /// The `ORDER BY` terms: the sort date, then the sequence, both in the order's direction.
    static func orderBy(_ alias: String, descending: Bool) -> SQLQueryString {
        let direction = descending ? " DESC" : ""
        return "\(expression(alias))\(unsafeRaw: direction), \(ident: alias).seq\(unsafeRaw: direction)"
    }

    /// `YYYYMMDD` (a cursor's date key) as `YYYY-MM-DD` (the stored form).
    static func date(fromKey key: String) -> String {
        "\(key.prefix(4))-\(key.dropFirst(4).prefix(2))-\(key.suffix(2))"
    }

    /// The cursor of a row: its start date (or the undated key) and its sequence.
    static func cursor(startsOn: String?, seq: Int64?) -> PageCursor {
        PageCursor(sequence: seq ?? 0, dateKey: (startsOn ?? undated).replacingOccurrences(of: "-", with: ""))
    }
}
