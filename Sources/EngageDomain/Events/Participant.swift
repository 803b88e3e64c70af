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

extension Participant {
    /// Reads a list of 1–100 people `[{name, email, role, gender}]` at `key`, naming every bad field;
    /// nil when it is absent (and not required) or bad.
    public static func readList(_ key: String, from reader: inout ObjectReader, required: Bool) -> [Participant]? {
        switch reader.raw(key) {
        case nil:
            if required { reader.fail(key, "is required") }
            return nil
        case .array(let items)?:
            if items.isEmpty { reader.fail(key, "must name at least one person") }
            if items.count > 100 { reader.fail(key, "must have at most 100 items") }
            var participants: [Participant] = []
            var emails: Set<String> = []
            let before = reader.errors.count
            for (index, item) in items.prefix(100).enumerated() {
                var person = ObjectReader(item, path: reader.name("\(key)[\(index)]"))
                let name = person.string("name", required: true, maxLength: 200)
                let email = person.string("email", required: true, maxLength: 254)
                if let email, !Formats.isEmail(email) { person.fail("email", "must be an e-mail address") }
                if let email, !emails.insert(email.lowercased()).inserted { person.fail("email", "is listed twice") }
                let role = person.enumeration("role", Participant.Role.self, allowNull: false)
                let gender = person.enumeration("gender", Gender.self)
                person.rejectUnknownFields()
                if person.errors.isEmpty, let name, let email {
                    participants.append(Participant(name: name, email: email, role: role ?? .delegate, gender: gender))
                }
                reader.absorb(person)
            }
            return reader.errors.count == before ? participants : nil
        case let other?:
            reader.fail(key, "must be an array, got \(other.typeName)")
            return nil
        }
    }
}
