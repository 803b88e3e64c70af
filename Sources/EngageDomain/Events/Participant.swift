/// A person a stakeholder registers for an event. Private: never public, never logged.
public struct Participant: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, CaseIterable, Codable {
        case headOfDelegation = "head_of_delegation"
        case delegate, speaker, observer
    }

    public var name: String
    public var email: String
    public var role: Role
    /// Given by the registering organisation, or not; counted in statistics only.
    public var gender: Gender?

    public init(name: String, email: String, role: Role = .delegate, gender: Gender? = nil) {
        self.name = name
        self.email = email
        self.role = role
        self.gender = gender
    }
}
