/// Consultative status with the UN Economic and Social Council.
public enum EcosocStatus: String, Sendable, CaseIterable, Codable {
    case none
    case general
    case special
    case roster
}
