/// A stakeholder's contact person. Private: never shown publicly and never logged.
public struct Contact: Sendable, Equatable, Codable {
    public var name: String
    public var email: String
    public var phone: String?

    public init(name: String, email: String, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}
