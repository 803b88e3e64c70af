import Foundation

/// Validated event fields from a create (POST) or merge-patch (PATCH) body.
public struct EventInput: Sendable, Equatable {
    public var title: LocalizedEdit?
    public var kind: EventKind?
    public var sessionNumber: FieldChange<Int>?
    public var description: LocalizedEdit?
    public var dates: FieldChange<DateRange>?
    public var timezone: FieldChange<String>?
    public var format: FieldChange<MeetingFormat>?
    public var onlineURL: FieldChange<String>?
    public var parentEventID: FieldChange<EventID>?
    public var projectID: FieldChange<ProjectID>?
    public var region: FieldChange<UNRegion>?
    public var topics: [Topic]?
    /// Nested objects stay JSON until applied: a patch of them merges into the current value.
    public var location: FieldChange<JSONValue>?
    public var registration: FieldChange<JSONValue>?
    public var sideEventApplications: FieldChange<JSONValue>?

    public init() {}

    public enum Mode: Sendable { case create, patch }

    static let readOnlyFields = ["id", "status", "status_reason", "created_at", "updated_at"]

    // MARK: Parsing

    /// Reads and validates a body, naming every bad field in one `DomainError.validation`.
    public static func parse(_ body: JSONValue, mode: Mode) throws(DomainError) -> EventInput {
        var reader = ObjectReader(body)
        let creating = mode == .create
        var input = EventInput()
        input.title = reader.localizedEdit("title", maxLength: 300, required: creating, allowNull: false, removals: !creating)
        input.kind = reader.enumeration("kind", EventKind.self, required: creating, allowNull: false)
        input.sessionNumber = reader.nullableInteger("session_number", in: 1...1000)
        input.description = reader.localizedEdit("description", maxLength: 10_000, removals: !creating)
        input.dates = DateRange.read(&reader, required: false)
        input.timezone = reader.timeZone("timezone")
        input.format = reader.nullableEnumeration("format", MeetingFormat.self)
        input.onlineURL = reader.nullableURL("online_url")
        if let parent = reader.nullableString("parent_event_id", maxLength: 64) {
            switch parent {
            case .clear: input.parentEventID = .clear
            case .set(let text):
                if let id = EventID(rawValue: text) { input.parentEventID = .set(id) } else {
                    reader.fail("parent_event_id", "must be an identifier starting with evt_")
                }
            }
        }
        input.projectID = reader.nullableIdentifier("project_id", ProjectID.self)
        input.region = reader.nullableEnumeration("region", UNRegion.self)
        input.topics = reader.topics("topics")
        input.location = NestedObject.read(&reader, "location") { _ = NestedObject.location($0, &$1) }
        input.registration = NestedObject.read(&reader, "registration") { _ = registrationValue($0, &$1, strict: creating) }
        input.sideEventApplications = NestedObject.read(&reader, "side_event_applications") { _ = applicationsValue($0, &$1, strict: creating) }
        for field in readOnlyFields where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    // MARK: Applying

    /// Applies this input to an event (a new one, or a copy of the current one for a patch).
    /// Nested objects are merged into their current value and validated whole.
    public func apply(to event: inout Event) throws(DomainError) {
        var errors: [FieldError] = []
        if let title { event.title = title.applied(to: event.title, field: "title", &errors) }
        if let kind { event.kind = kind }
        if let sessionNumber { event.sessionNumber = sessionNumber.value }
        if let description { event.description = description.applied(to: event.description) }
        if let dates { event.dates = dates.value }
        if let timezone { event.timezone = timezone.value }
        if let format { event.format = format.value }
        if let onlineURL { event.onlineURL = onlineURL.value }
        if let parentEventID { event.parentEventID = parentEventID.value }
        if let projectID { event.projectID = projectID.value }
        if let region { event.region = region.value }
        if let topics { event.topics = topics }
        if let location {
            event.location = NestedObject.merge(event.location.map { NestedObject.json($0) }, location).flatMap { NestedObject.location($0, &errors) }
        }
        if let registration {
            event.registration = NestedObject.merge(event.registration.map { Self.json($0) }, registration)
                .flatMap { Self.registrationValue($0, &errors, strict: true) }
        }
        if let sideEventApplications {
            event.sideEventApplications = NestedObject.merge(event.sideEventApplications.map { Self.json($0) }, sideEventApplications)
                .flatMap { Self.applicationsValue($0, &errors, strict: true) }
        }
        if errors.isEmpty, dates != nil || registration != nil || sideEventApplications != nil { errors = event.windowErrors }
        guard errors.isEmpty else { throw .validation(errors) }
    }

    // MARK: Nested objects

    /// `strict`: both window bounds required (a fragment of a patch is only type-checked).
    private static func registrationValue(_ value: JSONValue, _ errors: inout [FieldError], strict: Bool) -> Event.Registration? {
        var reader = ObjectReader(value, path: "registration")
        let window = TimeWindow.read(&reader, strict: strict)
        let max = reader.integer("max_participants_per_stakeholder", in: 1...100)
        let openWhilePostponed = reader.bool("open_while_postponed") ?? false
        reader.rejectUnknownFields()
        errors += reader.errors
        return window.map { Event.Registration(window: $0, maxParticipantsPerStakeholder: max, openWhilePostponed: openWhilePostponed) }
    }

    private static func applicationsValue(_ value: JSONValue, _ errors: inout [FieldError], strict: Bool) -> Event.SideEventApplications? {
        var reader = ObjectReader(value, path: "side_event_applications")
        let window = TimeWindow.read(&reader, strict: strict)
        let max = reader.integer("max_per_organizer", in: 1...20)
        reader.rejectUnknownFields()
        errors += reader.errors
        return window.map { Event.SideEventApplications(window: $0, maxPerOrganizer: max ?? 1) }
    }

    // MARK: Current values as JSON

    static func json(_ registration: Event.Registration) -> JSONValue {
        var members = registration.window.members
        if let max = registration.maxParticipantsPerStakeholder { members["max_participants_per_stakeholder"] = .number(Double(max)) }
        if registration.openWhilePostponed { members["open_while_postponed"] = .bool(true) }
        return .object(members)
    }

    static func json(_ applications: Event.SideEventApplications) -> JSONValue {
        var members = applications.window.members
        members["max_per_organizer"] = .number(Double(applications.maxPerOrganizer))
        return .object(members)
    }
}
