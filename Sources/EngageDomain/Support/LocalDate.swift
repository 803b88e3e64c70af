import Foundation

/// A calendar date without a time or zone (`YYYY-MM-DD`), as meetings are announced.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The proleptic Gregorian calendar in UTC: the frame every date computation here uses.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (such as 2027-02-30).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1 else { return nil }
        self.init(year: year, month: month, day: day)
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
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
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
        let start = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return LocalDate(Self.calendar.date(byAdding: .day, value: days, to: start)!)
    }

    /// The day after (the Gregorian rule directly: `adding(days: 1)` through `Calendar` showed in the calendar feed's profile).
    public var nextDay: LocalDate {
        if day < Self.daysIn(month: month, year: year) { return LocalDate(checked: year, month, day + 1) }
        return month < 12 ? LocalDate(checked: year, month + 1, 1) : LocalDate(checked: year + 1, 1, 1)
    }

    private init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// How many days `self` is after `other` (negative when before).
    public func days(since other: LocalDate) -> Int {
        let from = Self.calendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
        let to = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return Self.calendar.dateComponents([.day], from: from, to: to).day!
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension LocalDate {
    /// Midnight UTC at the start of this day.
    public var startOfDay: Date {
        Timestamp.parse("\(description)T00:00:00Z") ?? Date(timeIntervalSince1970: 0)
    }
}
