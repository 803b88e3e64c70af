import Foundation

/// One entry of the change feed (`GET /v1/changes`): which resource changed, how, and to which
/// version, in the order the changes were committed.
public struct Change: Sendable, Equatable {
    /// The entry's place in the one global sequence of changes.
    public var sequence: Int64
    public var resourceType: ChangeResourceType
    public var resourceID: String
    /// The resource's version after the change; nil when it is not known (a record merged away).
    public var version: Int?
    public var kind: ChangeKind
    /// The notification the change was announced with (`event.postponed`, say): what happened, more precisely than `kind`.
    public var notificationType: NotificationType
    public var at: Date

    public init(
        sequence: Int64, resourceType: ChangeResourceType, resourceID: String, version: Int?, kind: ChangeKind,
        notificationType: NotificationType, at: Date
    ) {
        self.sequence = sequence
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.version = version
        self.kind = kind
        self.notificationType = notificationType
        self.at = at
    }
}
