import Foundation

/// What kind of knowledge resource.
public enum ResourceKind: String, Sendable, CaseIterable, Codable {
    case toolkit, guide, report
    case trainingMaterial = "training_material"
    case legalText = "legal_text"
    case other
}

/// A knowledge resource: a toolkit, a guide, a report.
public struct Resource: Sendable, Equatable {
    public var id: ResourceID
    public var kind: ResourceKind
    public var title: String
    public var summary: String?
    public var url: String
    public var languages: [String]
    public var topics: [Topic]
    public var publisher: String?
    public var publishedOn: LocalDate?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: ResourceID = .generate(), kind: ResourceKind, title: String, summary: String? = nil, url: String, languages: [String] = [],
                topics: [Topic] = [], publisher: String? = nil, publishedOn: LocalDate? = nil, createdAt: Date, updatedAt: Date, version: Int = 1) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.url = url
        self.languages = languages
        self.topics = topics
        self.publisher = publisher
        self.publishedOn = publishedOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The filters of the resource list.
public struct ResourceFilter: Sendable, Equatable {
    public var kind: ResourceKind?
    public var topic: Topic?
    public var language: String?
    public var query: String?

    public init(kind: ResourceKind? = nil, topic: Topic? = nil, language: String? = nil, query: String? = nil) {
        self.kind = kind
        self.topic = topic
        self.language = language
        self.query = query
    }
}

/// A validated resource body (POST creates, PATCH merges).
public struct ResourceInput: Sendable, Equatable {
    public var kind: ResourceKind?
    public var title: String?
    public var summary: FieldChange<String>?
    public var url: String?
    public var languages: [String]?
    public var topics: [Topic]?
    public var publisher: FieldChange<String>?
    public var publishedOn: FieldChange<LocalDate>?

    public init() {}

    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> ResourceInput {
        var reader = ObjectReader(body)
        var input = ResourceInput()
        input.kind = reader.enumeration("kind", ResourceKind.self, required: creating, allowNull: false)
        input.title = reader.string("title", required: creating, maxLength: 300, allowNull: false)
        input.summary = reader.nullableString("summary", maxLength: 10_000)
        if let url = reader.string("url", required: creating, maxLength: 2000, allowNull: false, lineBreaks: false) {
            if Formats.isWebURL(url) { input.url = url } else { reader.fail("url", "must be an absolute http or https URL") }
        }
        input.languages = reader.languages("languages")
        input.topics = reader.topics("topics")
        input.publisher = reader.nullableString("publisher", maxLength: 200)
        input.publishedOn = reader.nullableDate("published_on")
        for field in ["id", "created_at", "updated_at"] where reader.raw(field) != nil { reader.fail(field, "is read-only") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    public func apply(to resource: inout Resource) {
        if let kind { resource.kind = kind }
        if let title { resource.title = title }
        if let summary { resource.summary = summary.value }
        if let url { resource.url = url }
        if let languages { resource.languages = languages }
        if let topics { resource.topics = topics }
        if let publisher { resource.publisher = publisher.value }
        if let publishedOn { resource.publishedOn = publishedOn.value }
    }
}
