/// What an API key may do.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything, including managing API keys.
    case admin
    /// Manage content and review applications.
    case staff
    /// Integrating systems: read everything, including non-public fields; write nothing.
    case reader

    /// Whether this role may change content and review registrations.
    public var canManageContent: Bool { self == .admin || self == .staff }
}
