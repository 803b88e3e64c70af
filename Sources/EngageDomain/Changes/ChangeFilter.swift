/// Which changes a reader of the feed sees.
public struct ChangeFilter: Sendable, Equatable {
    /// Who is reading: the feed is scoped like the resources themselves.
    public enum Scope: Sendable, Equatable {
        /// API keys: every change.
        case everything
        /// Anonymous callers: changes to what anyone may read.
        case publicOnly
        /// An organisation's token: public changes and those that concern the organisation.
        case stakeholder(StakeholderID)
    }

    /// Only changes to these resource types; every type when empty.
    public var types: [ChangeResourceType]
    public var scope: Scope

    public init(types: [ChangeResourceType] = [], scope: Scope) {
        self.types = types
        self.scope = scope
    }
}
