/// What a change in the change feed did to its resource.
public enum ChangeKind: String, Sendable, CaseIterable, Codable {
    /// The resource came into being (an organisation registered, an event was created, a resource published).
    case created
    /// Anything else: an edit, a decision, a lifecycle move. Fetch the resource again.
    case updated
    /// The resource is gone (a knowledge resource deleted, a duplicate merged into another): delete your copy.
    case deleted
}
