import Foundation

/// Where a pilot initiative stands: proposed → active → completed, active ↔ suspended.
public enum PilotStatus: String, Sendable, CaseIterable, Codable {
    case proposed, active, suspended, completed

    /// Whether the initiative may move from this status to `target`.
    public func canMove(to target: PilotStatus) -> Bool {
        switch (self, target) {
        case (.proposed, .active), (.active, .completed), (.active, .suspended), (.suspended, .active): true
        default: false
        }
    }
}

/// A national authority taking part (a ministry, a prosecution service, a national commission).
public struct NationalAuthority: Sendable, Hashable, Codable {
    public var name: String
    public var role: String?

    public init(name: String, role: String? = nil) {
        self.name = name
        self.role = role
    }
}

/// A stakeholder's part in an initiative.
public struct PilotParticipant: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable, Codable {
        case partner, contributor, observer
    }

    public var stakeholderID: StakeholderID
    public var role: Role
    public var joinedAt: Date

    public init(stakeholderID: StakeholderID, role: Role, joinedAt: Date) {
        self.stakeholderID = stakeholderID
        self.role = role
        self.joinedAt = joinedAt
    }
}

/// A voluntary, country-specific initiative bringing national authorities and stakeholders together
/// ahead of the constructive dialogues of the UNTOC Review Mechanism.
public struct PilotInitiative: Sendable, Equatable {
    public var id: PilotInitiativeID
    public var title: LocalizedText
    public var country: String
    public var summary: LocalizedText?
    public var priorities: [Topic]
    public var nationalAuthorities: [NationalAuthority]
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var projectID: ProjectID?
    public var linkedEventIDs: [EventID]
    public var status: PilotStatus
    public var participants: [PilotParticipant]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: PilotInitiativeID = .generate(), title: LocalizedText, country: String, summary: LocalizedText? = nil, priorities: [Topic] = [],
        nationalAuthorities: [NationalAuthority] = [], startsOn: LocalDate? = nil, endsOn: LocalDate? = nil, projectID: ProjectID? = nil,
        linkedEventIDs: [EventID] = [], status: PilotStatus = .proposed, participants: [PilotParticipant] = [],
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.title = title
        self.country = country
        self.summary = summary
        self.priorities = priorities
        self.nationalAuthorities = nationalAuthorities
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.projectID = projectID
        self.linkedEventIDs = linkedEventIDs
        self.status = status
        self.participants = participants
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The filters of the initiative list.
public struct PilotInitiativeFilter: Sendable, Equatable {
    public var country: String?
    /// Initiatives in any of these statuses, with any of these priorities (empty does not filter).
    public var statuses: [PilotStatus]
    public var priorities: [Topic]
    /// Initiatives this stakeholder takes part in.
    public var stakeholderID: StakeholderID?
    public var projectID: ProjectID?
    /// Only initiatives changed at or after this instant (`updated_since`).
    public var updatedSince: Date?
    /// The order (`sort`); nil for creation order.
    public var order: ListOrder?

    /// The orders the initiative list offers.
    public static let orders: [ListOrder.Field] = [.createdAt, .updatedAt]

    public init(country: String? = nil, statuses: [PilotStatus] = [], priorities: [Topic] = [], stakeholderID: StakeholderID? = nil, projectID: ProjectID? = nil) {
        self.country = country
        self.statuses = statuses
        self.priorities = priorities
        self.stakeholderID = stakeholderID
        self.projectID = projectID
    }
}

/// A validated initiative body (POST creates, PATCH merges; `status` only in a PATCH).
public struct PilotInitiativeInput: Sendable, Equatable {
    public var title: LocalizedEdit?
    public var country: String?
    public var summary: LocalizedEdit?
    public var priorities: [Topic]?
    public var nationalAuthorities: [NationalAuthority]?
    public var startsOn: FieldChange<LocalDate>?
    public var endsOn: FieldChange<LocalDate>?
    public var projectID: FieldChange<ProjectID>?
    public var linkedEventIDs: [EventID]?
    public var status: PilotStatus?
    /// Why the status changed (PATCH with `status`).
    public var statusReason: String?

    public init() {}

    public static func parse(_ body: JSONValue, creating: Bool) throws(DomainError) -> PilotInitiativeInput {
        var reader = ObjectReader(body)
        var input = PilotInitiativeInput()
        input.title = reader.localizedEdit("title", maxLength: 300, required: creating, allowNull: false, removals: !creating)
        input.country = reader.country("country", required: creating)
        input.summary = reader.localizedEdit("summary", maxLength: 10_000, removals: !creating)
        input.priorities = reader.topics("priorities")
        if let raw = reader.raw("national_authorities") {
            if case .array(let items) = raw, items.count <= 30 {
                var authorities: [NationalAuthority] = []
                for (index, item) in items.enumerated() {
                    var authority = ObjectReader(item, path: "national_authorities[\(index)]")
                    let name = authority.string("name", required: true, maxLength: 300)
                    let role = authority.string("role", maxLength: 300).flatMap { $0.isEmpty ? nil : $0 }
                    authority.rejectUnknownFields()
                    if let name, authority.errors.isEmpty { authorities.append(NationalAuthority(name: name, role: role)) }
                    reader.absorb(authority)
                }
                input.nationalAuthorities = authorities
            } else {
                reader.fail("national_authorities", raw == .null ? "must not be null; send [] to clear" : "must be an array of at most 30 objects")
            }
        }
        input.startsOn = reader.nullableDate("starts_on")
        input.endsOn = reader.nullableDate("ends_on")
        if case .set(let start)? = input.startsOn, case .set(let end)? = input.endsOn, end < start {
            reader.fail("ends_on", "must not be before starts_on")
        }
        input.projectID = reader.nullableIdentifier("project_id", ProjectID.self)
        input.linkedEventIDs = reader.identifiers("linked_event_ids", EventID.self, maxCount: 20)
        if creating {
            if reader.raw("status") != nil { reader.fail("status", "starts as proposed; change it with PATCH") }
        } else {
            input.status = reader.enumeration("status", PilotStatus.self, allowNull: false)
            input.statusReason = reader.string("status_reason", maxLength: 2000).flatMap { $0.isEmpty ? nil : $0 }
            if input.statusReason != nil && input.status == nil { reader.fail("status_reason", "goes with a change of status") }
        }
        for field in ["id", "participants", "created_at", "updated_at"] where reader.raw(field) != nil { reader.fail(field, "is read-only") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    /// Applies the fields (not the status, which the repository moves with its rule and history).
    public func apply(to initiative: inout PilotInitiative) throws(DomainError) {
        var errors: [FieldError] = []
        if let title { initiative.title = title.applied(to: initiative.title, field: "title", &errors) }
        guard errors.isEmpty else { throw .validation(errors) }
        if let country { initiative.country = country }
        if let summary { initiative.summary = summary.applied(to: initiative.summary) }
        if let priorities { initiative.priorities = priorities }
        if let nationalAuthorities { initiative.nationalAuthorities = nationalAuthorities }
        if let startsOn { initiative.startsOn = startsOn.value }
        if let endsOn { initiative.endsOn = endsOn.value }
        if let projectID { initiative.projectID = projectID.value }
        if let linkedEventIDs { initiative.linkedEventIDs = linkedEventIDs }
        if let start = initiative.startsOn, let end = initiative.endsOn, end < start {
            throw .validation([FieldError(field: endsOn != nil ? "ends_on" : "starts_on", message: "must keep ends_on on or after starts_on")])
        }
    }
}

/// What kind of activity an initiative logged.
public enum ActivityKind: String, Sendable, CaseIterable, Codable {
    case dialogue, meeting, training, report, other
}

/// One entry of an initiative's activity log.
public struct PilotActivity: Sendable, Equatable {
    public var id: ActivityID
    public var initiativeID: PilotInitiativeID
    public var date: LocalDate
    public var kind: ActivityKind
    public var title: String
    public var summary: String?
    public var createdBy: String
    public var createdAt: Date

    public init(id: ActivityID = .generate(), initiativeID: PilotInitiativeID, date: LocalDate, kind: ActivityKind, title: String,
                summary: String?, createdBy: String, createdAt: Date) {
        self.id = id
        self.initiativeID = initiativeID
        self.date = date
        self.kind = kind
        self.title = title
        self.summary = summary
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Reads `{date, kind, title, summary}` for `initiative`.
    public static func parse(_ body: JSONValue, initiative: PilotInitiativeID, actor: String, now: Date) throws(DomainError) -> PilotActivity {
        var reader = ObjectReader(body)
        let date = reader.date("date", required: true)
        let kind = reader.enumeration("kind", ActivityKind.self, required: true, allowNull: false)
        let title = reader.string("title", required: true, maxLength: 300)
        let summary = reader.string("summary", maxLength: 10_000).flatMap { $0.isEmpty ? nil : $0 }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let date, let kind, let title else { throw .validation(reader.errors) }
        return PilotActivity(initiativeID: initiative, date: date, kind: kind, title: title, summary: summary, createdBy: actor, createdAt: now)
    }
}

// MARK: - Fields

extension PilotInitiative: FieldListed {
    /// Status apart: it moves through its own transitions.
    public static var editableFields: [ModelField<PilotInitiative>] {
        [
            ModelField("title", \.title), ModelField("country", \.country), ModelField("summary", \.summary),
            ModelField("priorities", \.priorities), ModelField("national_authorities", \.nationalAuthorities),
            ModelField("starts_on", \.startsOn), ModelField("ends_on", \.endsOn), ModelField("project_id", \.projectID),
            ModelField("linked_event_ids", \.linkedEventIDs),
        ]
    }

    /// Participants change through their own operations.
    public static var bookkeepingProperties: Set<String> { ["id", "status", "participants", "createdAt", "updatedAt", "version"] }
}
