/// What is wrong with a field, as a stable machine code a front end can translate; the English `message`
/// beside it says the same for people. The list may grow (the contract marks it extensible).
public enum FieldErrorCode: String, Sendable, Codable, CaseIterable {
    /// Absent, null or empty where a value is needed.
    case required
    /// A field or query parameter the operation does not define.
    case unknownField = "unknown_field"
    /// Set by the server; a client may not send it.
    case readOnly = "read_only"
    /// Given twice where one value is allowed.
    case repeated
    /// The wrong JSON type (a number for a string, …).
    case invalidType = "invalid_type"
    /// Longer than allowed, or more items than allowed.
    case tooLong = "too_long"
    /// A number or date outside what is allowed.
    case outOfRange = "out_of_range"
    /// Not in the required format (a date, a URL, an identifier, a country code, …).
    case invalidFormat = "invalid_format"
    /// Not one of the listed values.
    case invalidChoice = "invalid_choice"
    /// Names a record that does not exist.
    case notFound = "not_found"
    /// The same value listed twice.
    case duplicate
    /// A well-formed value that a rule refuses in the current state (a date outside the session, a change
    /// that is no longer allowed, …); the message says which rule.
    case notAllowed = "not_allowed"
    /// Any other invalid value; the message says why.
    case invalid
}
