/// A validated contact point body (POST creates, PATCH merges).
public struct ContactPointInput: Sendable, Equatable {
    public var name: String?
    public var role: FieldChange<String>?
    public var email: String?
    public var phone: FieldChange<String>?
    public var languages: [String]?
    public var description: FieldChange<String>?

    public init() {}

    /// Reads a body, naming every bad field; `creating` requires `name` and `email`.
    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> ContactPointInput {
        var reader = ObjectReader(body)
        var input = ContactPointInput()
        input.name = reader.string("name", required: creating, maxLength: 200, allowNull: false)
        input.role = reader.nullableString("role", maxLength: 200)
        input.email = reader.string("email", required: creating, maxLength: 254, allowNull: false)
        if let email = input.email, !Formats.isEmail(email) { reader.fail("email", "must be an e-mail address") }
        input.phone = reader.nullableString("phone", maxLength: 50)
        input.languages = reader.languages("languages")
        input.description = reader.nullableString("description", maxLength: 2_000)
        for field in ["id", "created_at", "updated_at"] where reader.raw(field) != nil { reader.fail(field, "is read-only") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    /// Applies the input to `contactPoint`.
    public func apply(to contactPoint: inout ContactPoint) {
        if let name { contactPoint.name = name }
        if let role { contactPoint.role = role.value }
        if let email { contactPoint.email = email }
        if let phone { contactPoint.phone = phone.value }
        if let languages { contactPoint.languages = languages }
        if let description { contactPoint.description = description.value }
    }
}
