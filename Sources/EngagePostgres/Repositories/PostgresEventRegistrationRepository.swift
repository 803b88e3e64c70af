import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `EventRegistrationRepository`.
///
/// Registering locks the event row before any check, so two instances cannot both find no open
/// registration of a stakeholder and both insert one (the partial unique index
/// `event_registration_open` remains the last line of defence). Deciding share-locks the event
/// (a transition waits for it) and locks the registration.
struct PostgresEventRegistrationRepository: EventRegistrationRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func register(for eventID: EventID, _ input: EventRegistrationInput, actor: String, now: Date) async throws -> EventRegistration {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .update, in: db)
            if let refusal = event.registrationRefusal(at: now) { throw DomainError.conflict(refusal) }
            try await PostgresParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "register for events", in: db)
            if let max = event.registration?.maxParticipantsPerStakeholder, input.participants.count > max {
                throw DomainError.validation([FieldError(field: "participants", message: "must name at most \(max) people for \(eventID)")])
            }
            let openStatuses = RegistrationStatus.allCases.filter(\.isOpen).map(\.rawValue)
            if let existing = try await EventRegistrationRecord.fetchOne("""
                SELECT * FROM event_registration
                WHERE event_id = \(bind: eventID.rawValue) AND stakeholder_id = \(bind: input.stakeholderID.rawValue)
                    AND status = ANY(\(bind: openStatuses))
                ORDER BY seq LIMIT 1
                """, in: db) {
                throw DomainError.duplicate("\(input.stakeholderID) is already registered for \(eventID) (\(existing.status)); withdraw that registration first", existingID: existing.id)
            }
            let registration = EventRegistration(
                eventID: eventID, stakeholderID: input.stakeholderID, participants: input.participants,
                createdBy: actor, createdAt: now, updatedAt: now)
            try await EventRegistrationRecord(registration, seq: nil).insert(in: db)
            try await PostgresHistoryLog.registrations.append(
                ParticipationEdits.statusEntry(of: registration.id.rawValue, from: nil, to: registration.status.rawValue, reason: nil, actor: actor, at: now), in: db)
            try await notify(.registrationCreated, registration, now: now, in: db)
            return registration
        }
    }

    func decide(_ id: EventRegistrationID, of eventID: EventID, _ decision: ReviewDecision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .share, in: db)
            guard var record = try await Self.fetch(id, of: eventID, lock: true, in: db) else {
                throw DomainError.notFound(resource: "registration", id: id.rawValue)
            }
            var registration = try record.model()
            if let expectedVersion, expectedVersion != registration.version { throw DomainError.preconditionFailed }
            try ParticipationEdits.requireOpen(event)
            guard let next = registration.status.after(decision) else {
                throw DomainError.conflict("a \(registration.status.rawValue) registration cannot be \(decision.pastTense)")
            }
            let entry = ParticipationEdits.statusEntry(of: id.rawValue, from: registration.status.rawValue, to: next.rawValue, reason: reason, actor: actor, at: now)
            registration.status = next
            registration.statusReason = reason
            registration.updatedAt = now
            registration.version += 1
            record = EventRegistrationRecord(registration, seq: record.seq)
            try await record.update(in: db)
            try await PostgresHistoryLog.registrations.append(entry, in: db)
            try await notify(decision == .approve ? .registrationApproved : decision == .reject ? .registrationRejected : .registrationWithdrawn,
                             registration, now: now, in: db)
            return registration
        }
    }

    /// Share-locks the event (a transition waits) and locks the registration, like a decision.
    func update(_ id: EventRegistrationID, of eventID: EventID, with patch: EventRegistrationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .share, in: db)
            guard let record = try await Self.fetch(id, of: eventID, lock: true, in: db) else {
                throw DomainError.notFound(resource: "registration", id: id.rawValue)
            }
            let registration = try record.model()
            if let expectedVersion, expectedVersion != registration.version { throw DomainError.preconditionFailed }
            if editor == .organisation {
                try await PostgresParticipationChecks.requireApproved(registration.stakeholderID, field: "stakeholder_id", action: "change its registrations", in: db)
            }
            let (edited, changed) = try ParticipationEdits.edit(registration, of: event, with: patch, by: editor, now: now)
            guard !changed.isEmpty else { return registration }
            try await EventRegistrationRecord(edited, seq: record.seq).update(in: db)
            try await PostgresHistoryLog.registrations.append(ParticipationEdits.updateEntry(of: id.rawValue, changed: changed, actor: actor, at: now), in: db)
            try await notify(.registrationUpdated, edited, now: now, in: db)
            return edited
        }
    }

    // MARK: Reads

    func history(of id: EventRegistrationID, of eventID: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await database.read { db in
            guard try await Self.fetch(id, of: eventID, in: db) != nil else { throw DomainError.notFound(resource: "registration", id: id.rawValue) }
            return try await PostgresHistoryLog.registrations.page(of: id.rawValue, page, in: db)
        }
    }

    func find(_ id: EventRegistrationID, of eventID: EventID) async throws -> EventRegistration? {
        try await database.read { db in try await Self.fetch(id, of: eventID, in: db)?.model() }
    }

    func list(of eventID: EventID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration> {
        try await database.read { db in
            _ = try await PostgresEventRepository.load(eventID, in: db)
            let (records, next) = try await EventRegistrationRecord.page(where: Self.condition(eventID, filter), order: filter.order, page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func list(for stakeholderID: StakeholderID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration> {
        try await database.read { db in
            let (records, next) = try await EventRegistrationRecord.page(where: Self.condition(nil, filter.of(stakeholderID)), order: filter.order, page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func all(of eventID: EventID, filter: ParticipationFilter<RegistrationStatus>) async throws -> [EventRegistration] {
        try await database.read { db in
            _ = try await PostgresEventRepository.load(eventID, in: db)
            return try await EventRegistrationRecord.fetchAll("SELECT * FROM event_registration WHERE \(Self.condition(eventID, filter)) ORDER BY seq", in: db)
                .map { try $0.model() }
        }
    }

    // MARK: Helpers

    private func notify(_ type: NotificationType, _ registration: EventRegistration, now: Date, in db: any SQLDatabase) async throws {
        try await PostgresOutbox.enqueue(ChangeNotification(type: type, data: renderer.render(registration), concerns: [registration.stakeholderID]),
                                         now: now, in: db)
    }

    /// The registration of this event with this ID; `lock` takes it `FOR NO KEY UPDATE`.
    private static func fetch(_ id: EventRegistrationID, of eventID: EventID, lock: Bool = false, in db: any SQLDatabase) async throws -> EventRegistrationRecord? {
        try await EventRegistrationRecord.fetchOne("""
            SELECT * FROM event_registration WHERE id = \(bind: id.rawValue) AND event_id = \(bind: eventID.rawValue)\(unsafeRaw: lock ? " FOR NO KEY UPDATE" : "")
            """, in: db)
    }

    /// The registrations of an event (or of every event) matching the filter, as a SQL condition.
    private static func condition(_ eventID: EventID?, _ filter: ParticipationFilter<RegistrationStatus>) -> SQLQueryString {
        var condition: SQLQueryString = "TRUE"
        if let eventID { condition += " AND event_id = \(bind: eventID.rawValue)" }
        if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
        if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
        if let stakeholder = filter.stakeholderID { condition += " AND stakeholder_id = \(bind: stakeholder.rawValue)" }
        return condition
    }
}
