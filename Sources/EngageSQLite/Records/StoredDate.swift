import Foundation
import GRDB
import Synchronization

/// A `Date` bound as GRDB stores dates ("yyyy-MM-dd HH:mm:ss.SSS", UTC), remembering the last one
/// formatted.
///
/// GRDB formats every bound `Date` with a `DateFormatter` (ICU): 6 % of a registration's time on the
/// writer, where one write binds the same `now` a dozen times (the row, its history, the change feed,
/// the message and each delivery and mail). The text is GRDB's own; the memo only skips formatting a
/// date equal to the one before. `StoredDateTests` holds it to GRDB's text.
struct StoredDate: DatabaseValueConvertible {
    let date: Date

    init(_ date: Date) {
        self.date = date
    }

    private static let last = Mutex<(date: Date, text: DatabaseValue)?>(nil)

    var databaseValue: DatabaseValue {
        if let hit = Self.last.withLock({ $0 }), hit.date == date { return hit.text }
        let text = date.databaseValue
        Self.last.withLock { $0 = (date, text) }
        return text
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }
}
