import EngageDomain
import Foundation

/// A row of the `resource` table (topics and languages are also in filter tables).
public struct ResourceRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "resource"

    public var seq: Int64?
    public var id: String
    public var kind: String
    public var title: String
    public var summary: String?
    public var url: String
    public var languages: String
    public var topics: String
    public var publisher: String?
    public var publishedOn: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(_ resource: Resource, seq: Int64?) {
        self.seq = seq
        id = resource.id.rawValue
        kind = resource.kind.rawValue
        title = resource.title
        summary = resource.summary
        url = resource.url
        languages = JSONText.encode(resource.languages)
        topics = JSONText.encode(resource.topics.map(\.rawValue))
        publisher = resource.publisher
        publishedOn = resource.publishedOn?.description
        createdAt = resource.createdAt
        updatedAt = resource.updatedAt
        version = resource.version
    }

    public func model() throws -> Resource {
        guard let kind = ResourceKind(rawValue: kind) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        return Resource(
            id: ResourceID(unchecked: id), kind: kind, title: title, summary: summary, url: url,
            languages: JSONText.decode([String].self, languages) ?? [],
            topics: (JSONText.decode([String].self, topics) ?? []).compactMap(Topic.init(rawValue:)),
            publisher: publisher, publishedOn: publishedOn.flatMap(LocalDate.init(iso:)), createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
