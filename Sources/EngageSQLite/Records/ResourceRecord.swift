import EngageDomain
import Foundation
import GRDB

/// A row of the `resource` table (topics and languages are also in filter tables).
struct ResourceRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "resource"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var kind: String
    var title: String
    var summary: String?
    var url: String
    var languages: String
    var topics: String
    var publisher: String?
    var publishedOn: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ resource: Resource, seq: Int64?) {
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

    func model() throws -> Resource {
        guard let kind = ResourceKind(rawValue: kind) else { throw StorageError.corruptRow(table: Self.databaseTableName, id: id) }
        return Resource(
            id: ResourceID(unchecked: id), kind: kind, title: title, summary: summary, url: url,
            languages: JSONText.decode([String].self, languages) ?? [],
            topics: (JSONText.decode([String].self, topics) ?? []).compactMap(Topic.init(rawValue:)),
            publisher: publisher, publishedOn: publishedOn.flatMap(LocalDate.init(iso:)), createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
