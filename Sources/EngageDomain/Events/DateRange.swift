/// The first and last day of a meeting (both inclusive).
public struct DateRange: Sendable, Hashable {
    public var startsOn: LocalDate
    public var endsOn: LocalDate

    public init(startsOn: LocalDate, endsOn: LocalDate) {
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    /// Reads `starts_on` and `ends_on`: both or neither; ends_on not before starts_on.
    /// Returns `.some(nil)` when both are explicitly null, nil when both are absent or invalid.
    public static func read(_ reader: inout ObjectReader, required: Bool) -> FieldChange<DateRange>? {
        let startsNull = reader.isNull("starts_on"), endsNull = reader.isNull("ends_on")
        let hasStart = reader.has("starts_on"), hasEnd = reader.has("ends_on")
        if !required, startsNull, endsNull {
            _ = reader.raw("starts_on")
            _ = reader.raw("ends_on")
            return .clear
        }
        let start = reader.date("starts_on", required: required)
        let end = reader.date("ends_on", required: required)
        if required { guard let start, let end else { return nil }; return check(start, end, &reader) }
        switch (hasStart, hasEnd) {
        case (false, false):
            return nil
        case (true, true):
            guard let start, let end else { return nil }
            return check(start, end, &reader)
        default:
            reader.fail(hasStart ? "ends_on" : "starts_on", "must be given together with \(hasStart ? "starts_on" : "ends_on")")
            return nil
        }
    }

    private static func check(_ start: LocalDate, _ end: LocalDate, _ reader: inout ObjectReader) -> FieldChange<DateRange>? {
        guard end >= start else {
            reader.fail("ends_on", "must not be before starts_on")
            return nil
        }
        return .set(DateRange(startsOn: start, endsOn: end))
    }
}
