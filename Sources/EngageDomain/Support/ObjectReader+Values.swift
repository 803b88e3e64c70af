import Foundation

/// Accessors for the value types several resources share: nullable strings, numbers,
/// dates, timestamps, countries, identifiers.
extension ObjectReader {
    // MARK: Nullable and numeric

    /// A nullable string in a patch: absent is nil, `null` or an empty string is `.clear`.
    public mutating func nullableString(_ key: String, maxLength: Int) -> FieldChange<String>? {
        guard has(key) else { return nil }
        if isNull(key) {
            _ = raw(key)
            return .clear
        }
        guard let value = string(key, maxLength: maxLength) else { return nil }
        return value.isEmpty ? .clear : .set(value)
    }

    /// A whole number within `range`.
    public mutating func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let value = raw(key), value != .null else {
            if required { fail(key, has(key) ? "must not be null" : "is required") }
            return nil
        }
        guard case .number(let number) = value, number.rounded() == number, let whole = Int(exactly: number) else {
            fail(key, "must be a whole number, got \(value.typeName)")
            return nil
        }
        guard range.contains(whole) else {
            fail(key, "must be from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return whole
    }

    /// A nullable string that must be one of an enumeration's raw values.
    public mutating func nullableEnumeration<E: RawRepresentable & CaseIterable & Sendable & Equatable>(_ key: String, _ type: E.Type) -> FieldChange<E>? where E.RawValue == String {
        guard has(key) else { return nil }
        if isNull(key) {
            _ = raw(key)
            return .clear
        }
        return enumeration(key, type).map { .set($0) }
    }

    /// A nullable whole number within `range`.
    public mutating func nullableInteger(_ key: String, in range: ClosedRange<Int>) -> FieldChange<Int>? {
        guard has(key) else { return nil }
        if isNull(key) {
            _ = raw(key)
            return .clear
        }
        return integer(key, in: range).map { .set($0) }
    }

    /// A nullable http or https URL.
    public mutating func nullableURL(_ key: String) -> FieldChange<String>? {
        let change = nullableString(key, maxLength: 500)
        if case .set(let url) = change, !Formats.isWebURL(url) {
            fail(key, "must be an absolute http or https URL")
            return nil
        }
        return change
    }

    /// A nullable nested object, kept as JSON (for merge-patching against the current value).
    public mutating func nullableObject(_ key: String) -> FieldChange<JSONValue>? {
        guard let value = raw(key) else { return nil }
        if value == .null { return .clear }
        guard case .object = value else {
            fail(key, "must be an object or null, got \(value.typeName)")
            return nil
        }
        return .set(value)
    }

    // MARK: Time

    /// A calendar date, `YYYY-MM-DD`.
    public mutating func date(_ key: String, required: Bool = false) -> LocalDate? {
        guard let text = string(key, required: required, maxLength: 10) else { return nil }
        guard let date = LocalDate(iso: text) else {
            fail(key, "must be a date, YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// An RFC 3339 timestamp with an offset, such as `2027-01-10T09:00:00Z`.
    public mutating func timestamp(_ key: String, required: Bool = false) -> Date? {
        guard let text = string(key, required: required, maxLength: 40) else { return nil }
        guard let date = Timestamp.parse(text) else {
            fail(key, "must be an RFC 3339 date-time with an offset, such as 2027-01-10T09:00:00Z")
            return nil
        }
        // Whole seconds: what the API returns is exactly what is stored and compared.
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// An IANA time zone name such as `Europe/Vienna`.
    public mutating func timeZone(_ key: String) -> FieldChange<String>? {
        guard let change = nullableString(key, maxLength: 64) else { return nil }
        if case .set(let name) = change, !TimeZoneNames.isKnown(name) {
            fail(key, "must be an IANA time zone name such as Europe/Vienna")
            return nil
        }
        return change
    }

    // MARK: References

    /// An ISO 3166-1 alpha-2 country code, upper-cased.
    public mutating func country(_ key: String, required: Bool = false, allowNull: Bool = false) -> String? {
        guard let code = string(key, required: required, maxLength: 2, allowNull: allowNull), !code.isEmpty else { return nil }
        let upper = code.uppercased()
        guard Country.isValid(upper) else {
            fail(key, "must be an ISO 3166-1 alpha-2 country code")
            return nil
        }
        return upper
    }

    /// A typed identifier.
    public mutating func identifier<ID: PrefixedIdentifier>(_ key: String, _ type: ID.Type, required: Bool = false, allowNull: Bool = true) -> ID? {
        guard let text = string(key, required: required, maxLength: 64, allowNull: allowNull), !text.isEmpty else { return nil }
        guard let id = ID(rawValue: text) else {
            fail(key, "must be an identifier starting with \(ID.prefix)_")
            return nil
        }
        return id
    }

    /// A list of typed identifiers, without repeats.
    public mutating func identifiers<ID: PrefixedIdentifier>(_ key: String, _ type: ID.Type, maxCount: Int = 50) -> [ID]? {
        stringArray(key, maxCount: maxCount, allowNull: false) { ID(rawValue: $0) == nil ? "must be an identifier starting with \(ID.prefix)_" : nil }?
            .compactMap(ID.init(rawValue:))
    }

    /// A list of ISO 3166-1 alpha-2 country codes, upper-cased, without repeats.
    public mutating func countries(_ key: String, maxCount: Int = 193) -> [String]? {
        stringArray(key, maxCount: maxCount, allowNull: false) { Country.isValid($0.uppercased()) ? nil : "must be an ISO 3166-1 alpha-2 country code" }?
            .map { $0.uppercased() }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
