/// The first and last day of a meeting (both inclusive).
public struct DateRange: Sendable, Hashable {
    public var startsOn: LocalDate
    public var endsOn: LocalDate

    public init(startsOn: LocalDate, endsOn: LocalDate) {
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    /// The range of two stored ISO dates (`YYYY-MM-DD`); nil unless both are there and valid.
    public init?(iso start: String?, _ end: String?) {
        guard let start = start.flatMap(LocalDate.init(iso:)), let end = end.flatMap(LocalDate.init(iso:)) else { return nil }
        self.init(startsOn: start, endsOn: end)
    }

    /// Reads `starts_on` and `ends_on`: both or neither; ends_on not before starts_on.
    /// Returns `.clear` when both are explicitly null, nil when both are absent or anything is invalid.
    public static func read(_ reader: inout ObjectReader, required: Bool) -> FieldChange<DateRange>? {
        let hasStart = reader.has("starts_on") && !reader.isNull("starts_on")
        let hasEnd = reader.has("ends_on") && !reader.isNull("ends_on")
        if !required, !hasStart, !hasEnd {
            let cleared = reader.isNull("starts_on") && reader.isNull("ends_on")
            _ = reader.raw("starts_on")
            _ = reader.raw("ends_on")
            if !cleared, reader.has("starts_on") != reader.has("ends_on") {
                reader.fail(reader.has("starts_on") ? "ends_on" : "starts_on", "must be null too, to clear the dates")
            }
            return cleared ? .clear : nil
        }
        let start = reader.date("starts_on", required: required || hasEnd)
        let end = reader.date("ends_on", required: required || hasStart)
        guard let start, let end else { return nil }
        guard end >= start else {
            reader.fail("ends_on", "must not be before starts_on")
            return nil
        }
        return .set(DateRange(startsOn: start, endsOn: end))
    }

    /// Whether `other` lies wholly within these dates.
    public func contains(_ other: DateRange) -> Bool {
        !(other.startsOn < startsOn) && !(endsOn < other.endsOn)
    }

    /// Whether `day` falls on one of these dates.
    public func contains(_ day: LocalDate) -> Bool {
        !(day < startsOn) && !(endsOn < day)
    }

    /// The same dates `days` later (earlier when negative).
    public func shifted(by days: Int) -> DateRange {
        DateRange(startsOn: startsOn.adding(days: days), endsOn: endsOn.adding(days: days))
    }

    /// `2027-05-20 to 2027-05-24`, for messages.
    public var text: String { "\(startsOn) to \(endsOn)" }

    /// Why something on `dates` has not begun by `today` ("has no dates", "starts on …"), or nil once it has.
    public static func notBegun(_ dates: DateRange?, today: LocalDate) -> String? {
        guard let dates else { return "has no dates" }
        return today < dates.startsOn ? "starts on \(dates.startsOn)" : nil
    }
}
