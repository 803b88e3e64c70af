import EngageDomain
import Foundation
import Testing

@Suite("Calendar dates and hex digests, without String(format:)")
struct LocalDateTests {
    /// Before October 1582 Foundation's calendar is Julian (100-02-29 exists there); ISO 8601 dates, like
    /// PostgreSQL's, are proleptic Gregorian, so those years are checked against the rule alone (`refused`).
    @Test("a date exists exactly when Foundation's Gregorian calendar has it, 1583 to 2101")
    func validityMatchesCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for year in [1583, 1584, 1599, 1600, 1700, 1900, 2000, 2024, 2025, 2026, 2100, 2101] {
            for month in 0...13 {
                for day in 0...32 {
                    let expected = calendar.date(from: DateComponents(year: year, month: month, day: day)).map {
                        calendar.dateComponents([.year, .month, .day], from: $0) == DateComponents(year: year, month: month, day: day)
                    } ?? false
                    #expect((LocalDate(year: year, month: month, day: day) != nil) == expected, "\(year)-\(month)-\(day)")
                }
            }
        }
    }

    @Test("the next day is what Foundation's calendar adds, across months, leap days and years")
    func nextDay() throws {
        var date = try #require(LocalDate(iso: "1899-12-25"))
        for _ in 0..<(366 * 3 + 200) {
            #expect(date.nextDay == date.adding(days: 1), "\(date)")
            date = date.adding(days: 1)
        }
        #expect(LocalDate(iso: "2100-02-28")!.nextDay == LocalDate(iso: "2100-03-01")!)
        #expect(LocalDate(iso: "2000-02-28")!.nextDay == LocalDate(iso: "2000-02-29")!)
    }

    @Test("the ISO and iCalendar forms are zero-padded", arguments: [
        ("0001-01-09", "00010109"), ("2027-02-28", "20270228"), ("2028-02-29", "20280229"), ("9999-12-31", "99991231"),
    ])
    func forms(iso: String, compact: String) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(date.description == iso)
        #expect(date.compact == compact)
    }

    @Test("impossible dates are refused", arguments: ["2027-02-29", "2100-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "0000-01-01", "0100-02-29", "1500-02-29"])
    func refused(iso: String) {
        #expect(LocalDate(iso: iso) == nil)
    }

    @Test("hex digests: the SHA-256 test vector of \"abc\" and every byte value")
    func hex() {
        #expect(Secret.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let every = (0...255).map { UInt8($0) }
        #expect(Secret.hex(every) == every.map { String(format: "%02x", $0) }.joined())
    }
}
