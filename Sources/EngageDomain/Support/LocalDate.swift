import Foundation

/// A calendar date without a time or zone (`YYYY-MM-DD`), as meetings are announced.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD` (ASCII digits), rejecting dates that do not exist (such as 2027-02-30).
    /// Read on the UTF-8 bytes: splitting and asking each `Character` whether it is a number was 4.6 %
    /// of an event list's time (every event has two dates).
    public init?(iso text: String) {
        var text = text
        text.makeContiguousUTF8()  // a native string already is: no copy
        guard let (year, month, day) = text.utf8.withContiguousStorageIfAvailable(Self.numbers) ?? nil else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The three numbers of `YYYY-MM-DD` written in ASCII digits; nil for any other text.
    private static func numbers(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    /// A date from its parts; nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        // The Gregorian rule, checked directly: asking `Calendar` to round-trip the components cost
        // a tenth of an event list's time (every row has two dates).
        guard year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date a moment falls on in UTC.
    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        self.init(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// `YYYYMMDD`, the iCalendar DATE form.
    public var compact: String {
        Self.padded(year, 4) + Self.padded(month, 2) + Self.padded(day, 2)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `value` in decimal, zero-padded on the left to `width` digits (what `%0*d` gives, without
    /// `String(format:)`, which is slow enough to show in a list's profile).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The day after, by the Gregorian rule directly (the calendar feed asks for it on every event).
    public var nextDay: LocalDate {
        day < Self.daysIn(month: month, year: year) ? LocalDate(checked: year, month, day + 1) : adding(days: 1)
    }

    private init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// How many days `self` is after `other` (negative when before).
    public func days(since other: LocalDate) -> Int {
        dayNumber - other.dayNumber
    }

    // MARK: Day numbers

    // Date arithmetic counts days in the proleptic Gregorian calendar, as ISO 8601 and PostgreSQL do.
    // Foundation's Gregorian calendar (and its ISO 8601 one) turns Julian before 15 October 1582, with
    // no setting to stop it, so it would disagree with `init(year:month:day:)` on those dates. These
    // are Howard Hinnant's `days_from_civil` and `civil_from_days`; `LocalDateTests` holds them to
    // Foundation's calendar on every day from 1583 to 2101.

    /// Days since 1970-01-01 (negative before it).
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year  // years start on 1 March: the leap day ends them
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `number` days after 1970-01-01; arithmetic that would leave the four-digit years stops
    /// at 0001-01-01 or 9999-12-31 (the years `init(iso:)` reads and `description` writes).
    init(dayNumber number: Int) {
        let shifted = min(max(number, -719_162), 2_932_896) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(checked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension LocalDate {
    /// Midnight UTC at the start of this day.
    public var startOfDay: Date {
        Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
    }
}
