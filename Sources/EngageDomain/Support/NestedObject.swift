/// Nested objects of merge-patchable resources (`location`, windows): kept as JSON while parsing,
/// type-checked at once, then merged into the current value and validated whole when applied.
enum NestedObject {
    /// A nullable nested object; a given one is type-checked now by `check`.
    static func read(_ reader: inout ObjectReader, _ key: String, check: (JSONValue, inout [FieldError]) -> Void) -> FieldChange<JSONValue>? {
        let change = reader.nullableObject(key)
        if case .set(let value) = change {
            var errors: [FieldError] = []
            check(value, &errors)
            reader.absorb(errors)
        }
        return change
    }

    /// The current value with an RFC 7396 patch applied; nil when cleared.
    static func merge(_ current: JSONValue?, _ change: FieldChange<JSONValue>) -> JSONValue? {
        switch change {
        case .clear: nil
        case .set(let patch): (current ?? .object([:])).merging(patch)
        }
    }

    /// `{venue, city, country}` at `path`.
    static func location(_ value: JSONValue, _ errors: inout [FieldError], path: String = "location") -> EventLocation? {
        var reader = ObjectReader(value, path: path)
        let location = EventLocation.read(&reader)
        errors += reader.errors
        return location
    }

    /// `{opens_at, closes_at}` at `path`; `strict`: both bounds required.
    static func window(_ value: JSONValue, _ errors: inout [FieldError], path: String, strict: Bool) -> TimeWindow? {
        var reader = ObjectReader(value, path: path)
        let window = TimeWindow.read(&reader, strict: strict)
        reader.rejectUnknownFields()
        errors += reader.errors
        return window
    }

    static func json(_ location: EventLocation) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let venue = location.venue { members["venue"] = .string(venue) }
        if let city = location.city { members["city"] = .string(city) }
        if let country = location.country { members["country"] = .string(country) }
        return .object(members)
    }

    static func json(_ window: TimeWindow) -> JSONValue {
        .object(window.members)
    }
}
