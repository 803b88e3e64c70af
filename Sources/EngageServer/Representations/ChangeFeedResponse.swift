import EngageDomain
import Foundation

/// `GET /v1/changes`: a page of the change feed, and where to resume.
struct ChangeFeedResponse: Encodable, Sendable, TaggedByContent {
    struct Entry: Encodable, Sendable {
        var sequence: Int64
        var resourceType: String
        var resourceId: String
        /// Null, not absent, when unknown.
        @Nullable var version: Int?
        var change: String
        var notificationType: String
        var at: Date

        init(_ change: Change) {
            sequence = change.sequence
            resourceType = change.resourceType.rawValue
            resourceId = change.resourceID
            version = change.version
            self.change = change.kind.rawValue
            notificationType = change.notificationType.rawValue
            at = change.at
        }
    }

    var data: [Entry]
    /// Where to resume: after the last entry of this page, or where the request started when it is empty.
    var nextCursor: String
    /// Whether more entries follow now; when false, poll again later with `next_cursor`.
    var hasMore: Bool
}
