import Foundation
import GRDB
import Synchronization

/// A `Date` bound as GRDB stores dates ("yyyy-MM-dd HH:mm:ss.SSS", UTC), without GRDB's `DateFormatter`.
///
/// GRDB formats every bound `Date` with a `DateFormatter` (ICU, 2–3 µs a date): 6 % of a registration's
/// time on the writer, where one write binds its `now` a dozen times (the row, its history, the change
/// feed, the message and each delivery and mail). Foundation's ISO 8601 style writes the same fields
/// without ICU in a seventh of the time. The two differ in one thing: ICU rounds to the nearest
/// millisecond and the ISO style truncates, so the ISO style is given the rounded millisecond.
/// It remembers the last date it wrote: the writer binds the same `now` many times in a row.
/// `StoredDateTests` holds the text to GRDB's, for random dates and for dates a hair either side of a
/// half millisecond, each asked for twice and alternating with the one before.
struct StoredDate: DatabaseValueConvertible {
    let date: Date

    init(_ date: Date) {
        self.date = date
    }

    private static let style = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)
        .year().month().day().time(includingFractionalSeconds: true)

    /// GRDB's text for `date`.
    static func text(_ date: Date) -> String {
        // The millisecond ICU writes, rounded half up; then a point 10 µs into it, which no rounding
        // of a `Double` of this size moves out of it, for the ISO style to truncate to.
        let milliseconds = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
        return style.format(Date(timeIntervalSince1970: milliseconds / 1000 + 0.000_01))
    }

    private static let last = Mutex<(date: Date, value: DatabaseValue)?>(nil)

    var databaseValue: DatabaseValue {
        if let hit = Self.last.withLock({ $0 }), hit.date == date { return hit.value }
        let value = Self.text(date).databaseValue
        Self.last.withLock { $0 = (date, value) }
        return value
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }
}
