import Foundation

/// A donor-funded project that workshops, pilot initiatives and events belong to.
public struct Project: Sendable, Equatable {
    public var id: ProjectID
    public var title: LocalizedText
    public var code: String?
    public var summary: LocalizedText?
    public var donors: [String]
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: ProjectID = .generate(), title: LocalizedText, code: String? = nil, summary: LocalizedText? = nil, donors: [String] = [],
                startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, createdAt: Date, updatedAt: Date, version: Int = 1) {
        self.id = id
        self.title = title
        self.code = code
        self.summary = summary
        self.donors = donors
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// How much links to a project.
public struct ProjectCounts: Sendable, Equatable {
    public var events: Int
    public var workshops: Int
    public var pilotInitiatives: Int

    public init(events: Int, workshops: Int, pilotInitiatives: Int) {
        self.events = events
        self.workshops = workshops
        self.pilotInitiatives = pilotInitiatives
    }
}

/// A validated project body (POST creates, PATCH merges).
public struct ProjectInput: Sendable, Equatable {
    public var title: LocalizedEdit?
    public var code: FieldChange<String>?
    public var summary: LocalizedEdit?
    public var donors: [String]?
    public var startsOn: FieldChange<LocalDate>?
    public var endsOn: FieldChange<LocalDate>?

    public init() {}

    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> ProjectInput {
        var reader = ObjectReader(body)
        var input = ProjectInput()
        input.title = reader.localizedEdit("title", maxLength: 300, required: creating, allowNull: false, removals: !creating)
        input.code = reader.nullableString("code", maxLength: 40)
        input.summary = reader.localizedEdit("summary", maxLength: 10_000, removals: !creating)
        input.donors = reader.texts("donors", maxCount: 50, maxLength: 200)
        input.startsOn = reader.nullableDate("starts_on")
        input.endsOn = reader.nullableDate("ends_on")
        if case .set(let start)? = input.startsOn, case .set(let end)? = input.endsOn, end < start {
            reader.fail("ends_on", "must not be before starts_on")
        }
        for field in ["id", "counts", "created_at", "updated_at"] where reader.raw(field) != nil { reader.fail(field, "is read-only") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    /// Applies the input; a date order broken only by the merge is a validation error.
    public func apply(to project: inout Project) throws(DomainError) {
        var errors: [FieldError] = []
        if let title { project.title = title.applied(to: project.title, field: "title", &errors) }
        guard errors.isEmpty else { throw .validation(errors) }
        if let code { project.code = code.value }
        if let summary { project.summary = summary.applied(to: project.summary) }
        if let donors { project.donors = donors }
        if let startsOn { project.startsOn = startsOn.value }
        if let endsOn { project.endsOn = endsOn.value }
        if let start = project.startsOn, let end = project.endsOn, end < start {
            throw .validation([FieldError(field: endsOn != nil ? "ends_on" : "starts_on", message: "must keep ends_on on or after starts_on")])
        }
    }
}

extension ObjectReader {
    /// A nullable calendar date.
    public mutating func nullableDate(_ key: String) -> FieldChange<LocalDate>? {
        guard has(key) else { return nil }
        if isNull(key) {
            _ = raw(key)
            return .clear
        }
        return date(key).map { .set($0) }
    }
}
