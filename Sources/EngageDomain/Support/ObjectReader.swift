import Foundation

/// Reads fields out of a JSON object while collecting every rule it breaks.
///
/// Each accessor returns `nil` when the field is absent or invalid and records a
/// `FieldError` for invalid values, so one pass names every bad field at once.
public struct ObjectReader {
    public private(set) var errors: [FieldError] = []
    private let fields: [String: JSONValue]
    private let path: String
    private var consumed: Set<String> = []

    /// Starts reading `value`, which must be a JSON object; anything else is one error at `path`.
    public init(_ value: JSONValue, path: String = "") {
        self.path = path
        if case .object(let fields) = value {
            self.fields = fields
        } else {
            self.fields = [:]
            errors.append(FieldError(field: path.isEmpty ? "body" : path, message: "must be a JSON object, got \(value.typeName)"))
        }
    }

    // MARK: Presence

    /// The full JSON path of a field of this object.
    public func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether the field is present at all (an explicit `null` counts as present).
    public func has(_ key: String) -> Bool { fields[key] != nil }

    /// Whether the field is present and explicitly `null`.
    public func isNull(_ key: String) -> Bool { fields[key] == .null }

    /// Whether the field is present and a string.
    public func isString(_ key: String) -> Bool { fields[key]?.isString ?? false }

    /// The raw value of a field, marking it as known.
    public mutating func raw(_ key: String) -> JSONValue? {
        consumed.insert(key)
        return fields[key]
    }

    /// Records an error against a field of this object.
    public mutating func fail(_ key: String, _ message: String) {
        errors.append(FieldError(field: name(key), message: message))
    }

    /// Records errors found by a nested reader.
    public mutating func absorb(_ other: ObjectReader) {
        errors.append(contentsOf: other.errors)
    }

    /// Records errors found elsewhere (their fields carry their own paths).
    public mutating func absorb(_ found: [FieldError]) {
        errors.append(contentsOf: found)
    }

    /// Adds an error for every field that no accessor asked for.
    public mutating func rejectUnknownFields() {
        for key in fields.keys.sorted() where !consumed.contains(key) {
            fail(key, "is not a known field")
        }
    }

    // MARK: Typed accessors

    /// A string field, trimmed; empty strings count as invalid when `required`. Control characters are
    /// refused; line breaks too unless `lineBreaks` (by default, texts longer than 500 characters:
    /// descriptions, summaries, reasons).
    public mutating func string(
        _ key: String, required: Bool = false, maxLength: Int = 500, allowNull: Bool = true, lineBreaks: Bool? = nil
    ) -> String? {
        guard let value = raw(key) else {
            if required { fail(key, "is required") }
            return nil
        }
        switch value {
        case .null:
            if required || !allowNull { fail(key, "must not be null") }
            return nil
        case .string(let text):
            let trimmed = Blanks.trimmed(text, newlines: true)
            if (required || !allowNull) && trimmed.isEmpty {
                fail(key, "must not be empty")
                return nil
            }
            if trimmed.unicodeScalars.count > maxLength {  // code points, as JSON Schema's maxLength counts
                fail(key, "must be at most \(maxLength) characters")
                return nil
            }
            if let problem = Self.controlCharacterProblem(trimmed, lineBreaks: lineBreaks ?? (maxLength > 500)) {
                fail(key, problem)
                return nil
            }
            return trimmed
        default:
            fail(key, "must be a string, got \(value.typeName)")
            return nil
        }
    }

    /// A boolean field.
    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = raw(key), value != .null else {
            if required { fail(key, has(key) ? "must not be null" : "is required") }
            return nil
        }
        guard case .bool(let flag) = value else {
            fail(key, "must be a boolean, got \(value.typeName)")
            return nil
        }
        return flag
    }

    /// A string field whose value must be one of an enumeration's raw values.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false, allowNull: Bool = true) -> E? where E.RawValue == String {
        guard let text = string(key, required: required, allowNull: allowNull) else { return nil }
        guard let value = E(rawValue: text) else {
            fail(key, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// Why `text` cannot be stored as given, or nil: control characters are refused, never dropped, so
    /// what is stored (and answered) is what was sent. NUL would be cut off by SQLite and refused by
    /// PostgreSQL; the others (ESC, DEL, the C1 controls such as U+0085) reach logs, CSV and calendar
    /// feeds. Tab is allowed; line breaks only in long texts (descriptions, summaries).
    public static func controlCharacterProblem(_ text: String, lineBreaks: Bool) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: continue
            case 0x0A, 0x0D: if lineBreaks { continue } else { return "must be one line: no line breaks" }
            case 0x00: return "must not contain NUL (U+0000)"
            case 0x01...0x1F, 0x7F, 0x80...0x9F, 0x2028, 0x2029:
                return "must not contain control characters (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)))"
            default: continue
            }
        }
        return nil
    }

    /// An array of strings, each checked by `element`, which returns an error message or nil.
    public mutating func stringArray(_ key: String, maxCount: Int = 100, allowNull: Bool = true, element: (String) -> String? = { _ in nil }) -> [String]? {
        guard let value = raw(key), value != .null else {
            if !allowNull, has(key) { fail(key, "must not be null; send [] to clear") }
            return nil
        }
        guard case .array(let items) = value else {
            fail(key, "must be an array, got \(value.typeName)")
            return nil
        }
        if items.count > maxCount {
            fail(key, "must have at most \(maxCount) items")
            return nil
        }
        var result: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                errors.append(FieldError(field: "\(name(key))[\(index)]", message: "must be a string, got \(item.typeName)"))
                valid = false
                continue
            }
            let trimmed = Blanks.trimmed(text, newlines: true)
            if let problem = Self.controlCharacterProblem(trimmed, lineBreaks: false) ?? element(text) {
                errors.append(FieldError(field: "\(name(key))[\(index)]", message: problem))
                valid = false
                continue
            }
            if !result.contains(text) { result.append(text) }
        }
        return valid ? result : nil
    }

    /// A nested object; returns a reader for it (or nil when absent or null).
    public mutating func object(_ key: String, required: Bool = false, allowNull: Bool = true) -> ObjectReader? {
        guard let value = raw(key), value != .null else {
            if required || (!allowNull && has(key)) { fail(key, has(key) ? "must not be null" : "is required") }
            return nil
        }
        guard case .object = value else {
            fail(key, "must be an object, got \(value.typeName)")
            return nil
        }
        return ObjectReader(value, path: name(key))
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
