/// One invalid field of a request, named by its JSON path (`contact.email`, `topics[2]`), with a stable
/// `code` for machines and an English `message` for people.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var code: FieldErrorCode
    public var message: String

    /// An error of `field`; without a `code`, one is read from the message's standard wording
    /// (`is required`, `is read-only`, `no stakeholder …`), else `invalid`.
    public init(field: String, message: String, code: FieldErrorCode? = nil) {
        self.field = field
        self.message = message
        self.code = code ?? Self.code(of: message)
    }

    // MARK: Codes of the standard wordings

    /// The code of the standard wordings every reader and rule uses, so that one place keeps them together.
    static func code(of message: String) -> FieldErrorCode {
        for (prefix, code) in wordings where message.hasPrefix(prefix) {
            return code
        }
        return .invalid
    }

    private static let wordings: [(String, FieldErrorCode)] = [
        ("is required", .required), ("must not be null", .required), ("must not be empty", .required),
        ("must name at least", .required), ("must keep at least", .required),
        ("is not a known field", .unknownField), ("is not a parameter", .unknownField),
        ("is read-only", .readOnly), ("must be given once", .repeated),
        ("must be a whole number from", .outOfRange), ("must be an array of at most", .tooLong),
        ("must be one line", .invalidFormat), ("must not contain", .invalidFormat), ("must be a stakeholder ID", .invalidFormat),
        ("must be a string", .invalidType), ("must be a boolean", .invalidType), ("must be an array", .invalidType),
        ("must be an object", .invalidType), ("must be a JSON object", .invalidType), ("must be a whole number", .invalidType),
        ("must be true or false", .invalidType),
        ("must be at most", .tooLong), ("must have at most", .tooLong), ("must name at most", .tooLong),
        ("must be from", .outOfRange), ("must not be before", .outOfRange), ("must keep ends_on", .outOfRange),
        ("must be no later than", .outOfRange), ("must be after", .outOfRange), ("must be before", .outOfRange),
        ("must be within", .outOfRange), ("must fall within", .outOfRange), ("must lie within", .outOfRange),
        ("takes at most", .tooLong),
        ("must be one of", .invalidChoice), ("must be one or", .invalidChoice), ("is not a notification type", .invalidChoice),
        ("is not an event type", .invalidChoice), ("is not one of the six", .invalidChoice), ("must be confirmed or", .invalidChoice),
        ("must be a date", .invalidFormat), ("must be an RFC 3339", .invalidFormat), ("must be an IANA", .invalidFormat),
        ("must be an ISO ", .invalidFormat), ("must be an identifier", .invalidFormat), ("must be an absolute", .invalidFormat),
        ("must be an e-mail", .invalidFormat), ("must be a telephone", .invalidFormat),
        ("no ", .notFound), ("names no existing", .notFound),
        ("is listed twice", .duplicate),
        ("cannot change", .notAllowed),
    ]
}
