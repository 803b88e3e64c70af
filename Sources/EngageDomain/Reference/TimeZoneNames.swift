import Foundation

/// IANA time zone names, from the system's tz database (through Foundation).
public enum TimeZoneNames {
    private static let known: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC"])

    /// Whether `name` is a zone of the tz database, such as `Europe/Vienna` or `Asia/Tokyo`.
    public static func isKnown(_ name: String) -> Bool {
        known.contains(name)
    }
}
