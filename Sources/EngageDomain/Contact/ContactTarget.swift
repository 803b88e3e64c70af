/// A record that names contact points: an event, a workshop, a pilot initiative, a project or a resource.
public struct ContactTarget: Sendable, Hashable {
    /// The kinds of record, stored by their table names.
    public enum Kind: String, Sendable, CaseIterable {
        case event, workshop, project, resource
        case pilotInitiative = "pilot_initiative"

        /// The word used in problems ("no event evt_…").
        public var resource: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }
}
