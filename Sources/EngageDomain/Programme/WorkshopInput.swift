import Foundation

/// Validated workshop fields from a create (POST) or merge-patch (PATCH) body.
public struct WorkshopInput: Sendable, Equatable {
    public var title: LocalizedEdit?
    public var series: FieldChange<String>?
    public var description: LocalizedEdit?
    public var website: FieldChange<String>?
    public var objectives: [LocalizedText]?
    public var region: FieldChange<UNRegion>?
    public var country: FieldChange<String>?
    public var dates: FieldChange<DateRange>?
    public var timezone: FieldChange<String>?
    public var format: FieldChange<MeetingFormat>?
    public var languages: [String]?
    public var capacity: Int?
    public var priorityCountries: [String]?
    public var projectID: FieldChange<ProjectID>?
    public var location: FieldChange<JSONValue>?
    public var enrolment: FieldChange<JSONValue>?

    public init() {}

    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> WorkshopInput {
        var reader = ObjectReader(body)
        var input = WorkshopInput()
        input.title = reader.localizedEdit("title", maxLength: 300, required: creating, allowNull: false, removals: !creating)
        input.series = reader.nullableString("series", maxLength: 100)
        input.description = reader.localizedEdit("description", maxLength: 10_000, removals: !creating)
        input.website = reader.nullableURL("website")
        input.objectives = reader.localizedList("objectives", maxCount: 30, maxLength: 500)
        input.region = reader.nullableEnumeration("region", UNRegion.self)
        if let country = reader.nullableString("country", maxLength: 2) {
            switch country {
            case .clear: input.country = .clear
            case .set(let code): if Country.isValid(code.uppercased()) { input.country = .set(code.uppercased()) } else {
                reader.fail("country", "must be an ISO 3166-1 alpha-2 country code")
            }
            }
        }
        input.dates = DateRange.read(&reader, required: creating)
        input.timezone = reader.timeZone("timezone")
        input.format = reader.nullableEnumeration("format", MeetingFormat.self)
        input.languages = reader.languages("languages")
        input.capacity = reader.integer("capacity", in: 1...10_000, required: creating)
        if reader.isNull("capacity") && !creating { reader.fail("capacity", "must not be null") }
        input.priorityCountries = reader.countries("priority_countries")
        input.projectID = reader.nullableIdentifier("project_id", ProjectID.self)
        input.location = NestedObject.read(&reader, "location") { _ = NestedObject.location($0, &$1) }
        input.enrolment = NestedObject.read(&reader, "enrolment") { _ = NestedObject.window($0, &$1, path: "enrolment", strict: creating) }
        for field in ["id", "status", "status_reason", "confirmed_count", "waitlist_count", "created_at", "updated_at"] where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    /// Applies this input; nested objects merge into their current value and are validated whole.
    public func apply(to workshop: inout Workshop) throws(DomainError) {
        var errors: [FieldError] = []
        if let title { workshop.title = title.applied(to: workshop.title, field: "title", &errors) }
        if let series { workshop.series = series.value }
        if let description { workshop.description = description.applied(to: workshop.description) }
        if let website { workshop.website = website.value }
        if let objectives { workshop.objectives = objectives }
        if let region { workshop.region = region.value }
        if let country { workshop.country = country.value }
        if let dates { workshop.dates = dates.value }
        if let timezone { workshop.timezone = timezone.value }
        if let format { workshop.format = format.value }
        if let languages { workshop.languages = languages }
        if let capacity { workshop.capacity = capacity }
        if let priorityCountries { workshop.priorityCountries = priorityCountries }
        if let projectID { workshop.projectID = projectID.value }
        if let location {
            workshop.location = NestedObject.merge(workshop.location.map(NestedObject.json), location).flatMap { NestedObject.location($0, &errors) }
        }
        if let enrolment {
            workshop.enrolment = NestedObject.merge(workshop.enrolment.map(NestedObject.json), enrolment)
                .flatMap { NestedObject.window($0, &errors, path: "enrolment", strict: true) }
        }
        guard errors.isEmpty else { throw .validation(errors) }
    }
}

extension ObjectReader {
    /// A nullable typed identifier.
    /// A nullable typed identifier; `null` or an empty string clears it.
    public mutating func nullableIdentifier<ID: PrefixedIdentifier & Equatable>(_ key: String, _ type: ID.Type) -> FieldChange<ID>? {
        guard let change = nullableString(key, maxLength: 64) else { return nil }
        guard case .set(let text) = change else { return .clear }
        guard let id = ID(rawValue: text) else {
            fail(key, "must be an identifier starting with \(ID.prefix)_")
            return nil
        }
        return .set(id)
    }
}
