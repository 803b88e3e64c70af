/// What kind of organisation a stakeholder is.
public enum StakeholderKind: String, Sendable, CaseIterable, Codable {
    case ngo
    case academia
    case privateSector = "private_sector"
    case network
    case other
}
