import EngageDomain
import Foundation

/// `GET /v1/changes`: a page of the change feed, and where to resume.
struct ChangeFeedResponse: Encodable, Sendable, TaggedByContent {
    struct Entry: Encodable, Sendable {
        var sequence: Int64
        var resourceType: String
        var resourceId: String
        var version: Int?
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

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(resourceType, forKey: .resourceType)
            try container.encode(resourceId, forKey: .resourceId)
            try container.encode(version, forKey: .version)  // null, not absent, when unknown
            try container.encode(change, forKey: .change)
            try container.encode(notificationType, forKey: .notificationType)
            try container.encode(at, forKey: .at)
        }

        enum CodingKeys: String, CodingKey {
            case sequence, version, change, at
            case resourceType = "resource_type"
            case resourceId = "resource_id"
            case notificationType = "notification_type"
        }
    }

    var data: [Entry]
    /// Where to resume: after the last entry of this page, or where the request started when it is empty.
    var nextCursor: String
    /// Whether more entries follow now; when false, poll again later with `next_cursor`.
    var hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
    }
}

extension ChangeFeedResponse: SnakeCaseKeys {}
extension ChangeFeedResponse.Entry: SnakeCaseKeys {}
