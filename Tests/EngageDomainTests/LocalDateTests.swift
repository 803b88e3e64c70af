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

    /// `init(iso:)` reads bytes; the definition it replaced split on "-" and asked each `Character`.
    @Test("parsing YYYY-MM-DD on bytes accepts exactly what the Character-wise definition accepted")
    func isoParseMatchesDefinition() {
        func definition(_ text: String) -> LocalDate? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
            return LocalDate(year: year, month: month, day: day)
        }
        let texts = [
            "2027-05-19", "2028-02-29", "2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "0000-01-01", "0001-01-01", "9999-12-31",
            "", "2027-5-19", "2027-05-9", "27-05-19", "2027/05/19", "2027-05-19 ", " 2027-05-19", "2027-05-19T00:00", "+027-05-19", "2027--5-19",
            "２０２７-05-19", "٢٠٢٧-05-19", "2027-0５-19", "2027-05-1\u{301}9", "2027-05-19\u{301}", "2027\u{2010}05-19", "20a7-05-19", "2027-05-1:",
        ]
        for text in texts {
            #expect(LocalDate(iso: text) == definition(text), "\(text)")
        }
        #expect(texts.filter { LocalDate(iso: $0) != nil } == ["2027-05-19", "2028-02-29", "0001-01-01", "9999-12-31"])
    }

    /// Foundation's Gregorian calendar in UTC: the oracle from 1583 on.
    private static let foundation: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func parts(_ date: Date) -> LocalDate {
        let parts = foundation.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    @Test("adding days, the days between, the day of a moment and its midnight are Foundation's, every day 1583 to 2101")
    func arithmeticMatchesCalendar() throws {
        // Given every day from 1583-01-01 to 2101-12-31, walked by Foundation's calendar
        var moment = try #require(Self.foundation.date(from: DateComponents(year: 1583, month: 1, day: 1)))
        let first = LocalDate(moment)
        var count = 0
        while Self.foundation.component(.year, from: moment) <= 2101 {
            // Then each agrees with ours, both ways
            let expected = Self.parts(moment)
            let date = LocalDate(moment.addingTimeInterval(86_399))
            #expect(date == expected)
            #expect(first.adding(days: count) == expected)
            #expect(expected.days(since: first) == count)
            #expect(expected.startOfDay == moment)
            #expect(date.nextDay == Self.parts(Self.foundation.date(byAdding: .day, value: 1, to: moment)!))
            moment = Self.foundation.date(byAdding: .day, value: 1, to: moment)!
            count += 1
        }
        #expect(count == 189_561)
    }

    @Test("before 1583 the arithmetic stays proleptic Gregorian, as the dates it accepts are")
    func prolepticBefore1583() throws {
        // 1500 is no leap year in the Gregorian rule (it is in the Julian calendar Foundation uses there)
        #expect(LocalDate(iso: "1500-03-01")!.adding(days: -1) == LocalDate(iso: "1500-02-28")!)
        #expect(LocalDate(iso: "1500-02-28")!.nextDay == LocalDate(iso: "1500-03-01")!)
        // No ten days skipped in October 1582
        #expect(LocalDate(iso: "1582-10-15")!.days(since: LocalDate(iso: "1582-10-04")!) == 11)
        // Year 1 round-trips through its midnight, and 1 January of year 1 is 719,162 days before 1970
        let first = try #require(LocalDate(iso: "0001-01-01"))
        #expect(LocalDate(first.startOfDay) == first)
        #expect(LocalDate(iso: "1970-01-01")!.days(since: first) == 719_162)
        #expect(first.adding(days: 719_162) == LocalDate(iso: "1970-01-01")!)
    }

    @Test("arithmetic stops at the ends of the four-digit years; moments before 1970 fall on their own day")
    func ends() throws {
        let first = try #require(LocalDate(iso: "0001-01-01"))
        let last = try #require(LocalDate(iso: "9999-12-31"))
        #expect(first.adding(days: -1) == first)
        #expect(last.adding(days: 1) == last)
        #expect(last.nextDay == last)
        #expect(LocalDate(.distantPast) == first)
        #expect(LocalDate(.distantFuture) == LocalDate(iso: "4001-01-01")!)
        #expect(LocalDate(Date(timeIntervalSince1970: 1e12)) == last)
        // A second before midnight of 1970-01-01, and midnight of 1969-12-31 itself
        #expect(LocalDate(Date(timeIntervalSince1970: -0.5)) == LocalDate(iso: "1969-12-31")!)
        #expect(LocalDate(Date(timeIntervalSince1970: -86_400)) == LocalDate(iso: "1969-12-31")!)
        #expect(LocalDate(Date(timeIntervalSince1970: -86_400.5)) == LocalDate(iso: "1969-12-30")!)
        // A retention period longer than the calendar keeps everything
        #expect(RetentionPeriod(iso: "P99999Y")!.cutoff(on: LocalDate(iso: "2026-12-03")!) == first)
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
