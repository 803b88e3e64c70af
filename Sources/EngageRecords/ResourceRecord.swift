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
    /// Every text in all its languages (`TranslationsColumn`).
    public var translations: String

    public init(_ resource: Resource, seq: Int64?) {
        self.seq = seq
        id = resource.id.rawValue
        kind = resource.kind.rawValue
        title = resource.title.primary
        summary = resource.summary?.primary
        url = resource.url.primary
        languages = JSONText.encode(resource.languages)
        topics = JSONText.encode(resource.topics.map(\.rawValue))
        publisher = resource.publisher
        publishedOn = resource.publishedOn?.description
        createdAt = resource.createdAt
        updatedAt = resource.updatedAt
        version = resource.version
        var texts = TranslationsColumn()
        texts.set("title", resource.title)
        texts.set("summary", resource.summary)
        texts.set("url", resource.url)
        translations = texts.json
    }

    public func model() throws -> Resource {
        guard let kind = ResourceKind(rawValue: kind) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        let texts = TranslationsColumn(json: translations)
        return Resource(
            id: ResourceID(unchecked: id), kind: kind, title: texts.text("title", plain: title) ?? LocalizedText(title),
            summary: texts.text("summary", plain: summary), url: texts.text("url", plain: url) ?? LocalizedText(url),
            languages: JSONText.decode([String].self, languages) ?? [],
            topics: (JSONText.decode([String].self, topics) ?? []).compactMap(Topic.init(rawValue:)),
            publisher: publisher, publishedOn: publishedOn.flatMap(LocalDate.init(iso:)), createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}

// MARK: - Search

extension ResourceRecord: SearchIndexed {
    /// Every language of the title and of the summary, and the publisher.
    public var searchColumns: [String: String] {
        let texts = TranslationsColumn(json: translations)
        return SearchColumns.resource(
            title: texts.text("title", plain: title)?.allTexts ?? [], summary: texts.text("summary", plain: summary)?.allTexts ?? [],
            publisher: publisher.map { [$0] } ?? []
        ).columns
    }
}
