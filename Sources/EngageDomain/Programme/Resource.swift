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
    public var title: LocalizedText
    public var summary: LocalizedText?
    /// The resource's address in each language it is published in.
    public var url: LocalizedText
    public var languages: [String]
    public var topics: [Topic]
    public var publisher: String?
    public var publishedOn: LocalDate?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: ResourceID = .generate(), kind: ResourceKind, title: LocalizedText, summary: LocalizedText? = nil, url: LocalizedText, languages: [String] = [],
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

/// The filters of the resource list. A list of values means any of them (OR); an empty list does not filter.
public struct ResourceFilter: Sendable, Equatable {
    public var kinds: [ResourceKind]
    public var topics: [Topic]
    public var language: String?
    public var query: String?
    /// Only resources changed at or after this instant (`updated_since`).
    public var updatedSince: Date?
    /// The order (`sort`); nil for the default: creation order, or relevance with a query.
    public var order: ListOrder?

    /// The orders the resource list offers.
    /// (No title order: a resource's title is one per language, and no single folded key sorts them all.)
    public static let orders: [ListOrder.Field] = [.createdAt, .updatedAt, .relevance]

    public init(kinds: [ResourceKind] = [], topics: [Topic] = [], language: String? = nil, query: String? = nil) {
        self.kinds = kinds
        self.topics = topics
        self.language = language
        self.query = query
    }
}

/// A validated resource body (POST creates, PATCH merges).
public struct ResourceInput: Sendable, Equatable {
    public var kind: ResourceKind?
    public var title: LocalizedEdit?
    public var summary: LocalizedEdit?
    public var url: LocalizedEdit?
    public var languages: [String]?
    public var topics: [Topic]?
    public var publisher: FieldChange<String>?
    public var publishedOn: FieldChange<LocalDate>?

    public init() {}

    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> ResourceInput {
        var reader = ObjectReader(body)
        var input = ResourceInput()
        input.kind = reader.enumeration("kind", ResourceKind.self, required: creating, allowNull: false)
        input.title = reader.localizedEdit("title", maxLength: 300, required: creating, allowNull: false, removals: !creating)
        input.summary = reader.localizedEdit("summary", maxLength: 10_000, removals: !creating)
        input.url = reader.localizedEdit("url", maxLength: 2000, required: creating, allowNull: false, removals: !creating)
        if case .merge(let urls)? = input.url {
            for (language, url) in urls.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let url, !Formats.isWebURL(url) else { continue }
                reader.fail(reader.isString("url") ? "url" : "url.\(language.rawValue)", "must be an absolute http or https URL")
            }
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

    /// Applies the fields; the languages of the URLs are added to `languages`.
    public func apply(to resource: inout Resource) throws(DomainError) {
        var errors: [FieldError] = []
        if let kind { resource.kind = kind }
        if let title { resource.title = title.applied(to: resource.title, field: "title", &errors) }
        if let summary { resource.summary = summary.applied(to: resource.summary) }
        if let url { resource.url = url.applied(to: resource.url, field: "url", &errors) }
        guard errors.isEmpty else { throw .validation(errors) }
        if let languages { resource.languages = languages }
        for language in resource.url.languages where !resource.languages.contains(language.rawValue) {
            resource.languages.append(language.rawValue)
        }
        if let topics { resource.topics = topics }
        if let publisher { resource.publisher = publisher.value }
        if let publishedOn { resource.publishedOn = publishedOn.value }
    }
}
