/// A person a stakeholder registers for an event. Private: never public, never logged.
public struct Participant: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, CaseIterable, Codable {
        case headOfDelegation = "head_of_delegation"
        case delegate, speaker, observer
    }

    public var name: String
    public var email: String
    public var role: Role

    public init(name: String, email: String, role: Role = .delegate) {
        self.name = name
        self.email = email
        self.role = role
    }
}
