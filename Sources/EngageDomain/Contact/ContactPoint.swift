import Foundation

/// Who to ask about a programme: "For more information or inquiries, contact the CST at …". Public by
/// design (a team's function and mailbox, not a private person's data).
public struct ContactPoint: Sendable, Equatable {
    public var id: ContactPointID
    public var name: String
    /// The office or function ("Civil Society Team", "Secretariat to the Governing Bodies").
    public var role: String?
    public var email: String
    public var phone: String?
    /// ISO 639-1 codes of the languages it answers in.
    public var languages: [String]
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: ContactPointID = .generate(), name: String, role: String? = nil, email: String, phone: String? = nil, languages: [String] = [],
        description: String? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
        self.languages = languages
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}
