import Foundation
import GRDB
import Testing

@testable import EngageSQLite

@Suite("Dates bound as GRDB stores them")
struct StoredDateTests {
    @Test("a stored date binds GRDB's own text for the date, whether or not it repeats the one before")
    func sameTextAsGRDB() throws {
        // Given dates across two centuries, with fractions of a millisecond, each asked for twice and then
        // alternating with the one before (the memo must never answer for a different date)
        var generator = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 0.9999), Date(timeIntervalSince1970: -0.0004),
                     Date(timeIntervalSince1970: 1_798_761_599.9996), Date(timeIntervalSince1970: 4_102_444_800.001)]
        for _ in 0..<2_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator))) }
        var previous = dates[0]
        for date in dates {
            for asked in [date, date, previous, date] {
                #expect(StoredDate(asked).databaseValue == asked.databaseValue, "\(asked.timeIntervalSince1970)")
            }
            previous = date
        }

        // When one is written and read back through SQLite, it is the date GRDB reads
        let queue = try DatabaseQueue()
        let stored = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (at DATETIME NOT NULL)")
            try db.execute(sql: "INSERT INTO t (at) VALUES (?)", arguments: [StoredDate(dates[7])])
            return try Date.fetchOne(db, sql: "SELECT at FROM t")
        }
        #expect(stored == Date.fromDatabaseValue(dates[7].databaseValue))
    }
}
