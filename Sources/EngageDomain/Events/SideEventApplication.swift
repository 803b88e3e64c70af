import Foundation

/// A stakeholder's application to organise a side event around an event.
public struct SideEventApplication: Sendable, Equatable {
    public var id: SideEventApplicationID
    public var eventID: EventID
    /// The organiser.
    public var stakeholderID: StakeholderID
    public var title: String
    public var description: String
    public var format: MeetingFormat?
    public var coOrganizers: [StakeholderID]
    /// Each co-organiser's answer (`pending` until it confirms or declines).
    public var coOrganizerConsents: [StakeholderID: CoOrganizerConsent] = [:]
    /// ISO codes of co-sponsoring Member States.
    public var coSponsors: [String]
    public var preferredDates: [LocalDate]
    public var status: SideEventApplicationStatus
    public var statusReason: String?
    /// The side event created when the application was approved with `create_event`.
    public var sideEventID: EventID?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: SideEventApplicationID = .generate(), eventID: EventID, stakeholderID: StakeholderID, title: String, description: String,
        format: MeetingFormat?, coOrganizers: [StakeholderID], coSponsors: [String], preferredDates: [LocalDate],
        status: SideEventApplicationStatus = .submitted, statusReason: String? = nil, sideEventID: EventID? = nil,
        createdBy: String, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.eventID = eventID
        self.stakeholderID = stakeholderID
        self.title = title
        self.description = description
        self.format = format
        self.coOrganizers = coOrganizers
        self.coSponsors = coSponsors
        self.preferredDates = preferredDates
        self.status = status
        self.statusReason = statusReason
        self.sideEventID = sideEventID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The co-organisers that have not answered yet.
    public var coOrganizersAwaitingConsent: [StakeholderID] {
        coOrganizers.filter { (coOrganizerConsents[$0] ?? .pending) == .pending }
    }

    /// Whether `stakeholder` organises it (as the organiser or a co-organiser).
    public func isOrganized(by stakeholder: StakeholderID) -> Bool {
        stakeholderID == stakeholder || coOrganizers.contains(stakeholder)
    }
}

/// A validated side-event application body.
public struct SideEventApplicationInput: Sendable, Equatable {
    public var stakeholderID: StakeholderID
    public var title: String
    public var description: String
    public var format: MeetingFormat?
    public var coOrganizers: [StakeholderID]
    public var coSponsors: [String]
    public var preferredDates: [LocalDate]

    public init(
        stakeholderID: StakeholderID, title: String, description: String, format: MeetingFormat? = nil,
        coOrganizers: [StakeholderID] = [], coSponsors: [String] = [], preferredDates: [LocalDate] = []
    ) {
        self.stakeholderID = stakeholderID
        self.title = title
        self.description = description
        self.format = format
        self.coOrganizers = coOrganizers
        self.coSponsors = coSponsors
        self.preferredDates = preferredDates
    }

    /// Reads an application body, naming every bad field.
    public static func parse(_ body: JSONValue) throws(DomainError) -> SideEventApplicationInput {
        var reader = ObjectReader(body)
        let stakeholder = reader.identifier("stakeholder_id", StakeholderID.self, required: true, allowNull: false)
        let title = reader.string("title", required: true, maxLength: 300)
        let description = reader.string("description", required: true, maxLength: 10_000)
        let format = reader.enumeration("format", MeetingFormat.self)
        var coOrganizers = reader.identifiers("co_organizers", StakeholderID.self, maxCount: 20) ?? []
        if let stakeholder, coOrganizers.contains(stakeholder) {
            reader.fail("co_organizers", "must not include the organiser (stakeholder_id)")
            coOrganizers.removeAll { $0 == stakeholder }
        }
        let coSponsors = reader.countries("co_sponsors") ?? []
        let dates = reader.stringArray("preferred_dates", maxCount: 10, allowNull: false) { LocalDate(iso: $0) == nil ? "must be a date, YYYY-MM-DD" : nil }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let stakeholder, let title, let description else { throw .validation(reader.errors) }
        return SideEventApplicationInput(
            stakeholderID: stakeholder, title: title, description: description, format: format, coOrganizers: coOrganizers,
            coSponsors: coSponsors, preferredDates: (dates ?? []).compactMap(LocalDate.init(iso:)).sorted()
        )
    }
}

/// A validated application edit (a merge-patch). Absent fields stay as they are.
public struct SideEventApplicationPatch: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var format: FieldChange<MeetingFormat>?
    public var coOrganizers: [StakeholderID]?
    public var coSponsors: [String]?
    public var preferredDates: [LocalDate]?

    public init() {}

    /// Reads an edit, naming every bad field; the organiser cannot change.
    public static func parse(_ body: JSONValue) throws(DomainError) -> SideEventApplicationPatch {
        var reader = ObjectReader(body)
        var patch = SideEventApplicationPatch()
        patch.title = reader.string("title", maxLength: 300, allowNull: false)
        patch.description = reader.string("description", maxLength: 10_000, allowNull: false)
        patch.format = reader.nullableEnumeration("format", MeetingFormat.self)
        patch.coOrganizers = reader.identifiers("co_organizers", StakeholderID.self, maxCount: 20)
        patch.coSponsors = reader.countries("co_sponsors")
        patch.preferredDates = reader.stringArray("preferred_dates", maxCount: 10, allowNull: false) {
            LocalDate(iso: $0) == nil ? "must be a date, YYYY-MM-DD" : nil
        }?.compactMap(LocalDate.init(iso:)).sorted()
        if reader.raw("stakeholder_id") != nil {
            reader.fail("stakeholder_id", "cannot change; withdraw this application and apply as the other organisation")
        }
        for field in ["id", "event_id", "status", "status_reason", "side_event_id", "co_organizer_consents", "created_at", "updated_at", "version"]
        where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return patch
    }

    /// Applies the edit; returns the names of the fields whose value changed, in the API's spelling.
    public func apply(to application: inout SideEventApplication) -> [String] {
        var changed: [String] = []
        func set<Value: Equatable>(_ keyPath: WritableKeyPath<SideEventApplication, Value>, _ value: Value?, _ name: String) {
            guard let value, application[keyPath: keyPath] != value else { return }
            application[keyPath: keyPath] = value
            changed.append(name)
        }
        set(\.title, title, "title")
        set(\.description, description, "description")
        if let format, application.format != format.value {
            application.format = format.value
            changed.append("format")
        }
        set(\.coOrganizers, coOrganizers, "co_organizers")
        set(\.coSponsors, coSponsors, "co_sponsors")
        set(\.preferredDates, preferredDates, "preferred_dates")
        if changed.contains("co_organizers") {
            application.coOrganizerConsents = application.coOrganizerConsents.filter { application.coOrganizers.contains($0.key) }
        }
        return changed
    }
}
