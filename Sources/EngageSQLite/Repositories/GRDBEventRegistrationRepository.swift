import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `EventRegistrationRepository`.
public struct GRDBEventRegistrationRepository: EventRegistrationRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer
    private let events: TransactionEvents

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
        events = TransactionEvents(database.writer)
    }

    // MARK: Writes

    public func register(for eventID: EventID, _ input: EventRegistrationInput, actor: String, now: Date) async throws -> EventRegistration {
        // Everything that depends on the input alone is worked out before the writer: the row, its
        // history entry and the notification, rendered and parsed (unused when the write is refused).
        let registration = EventRegistration(
            eventID: eventID, stakeholderID: input.stakeholderID, participants: input.participants,
            createdBy: actor, createdAt: now, updatedAt: now)
        let record = EventRegistrationRecord(registration, seq: nil)
        let created = ParticipationEdits.statusEntry(of: registration.id.rawValue, from: nil, to: registration.status.rawValue, reason: nil, actor: actor, at: now)
        let notification = prepared(.registrationCreated, registration)
        return try await writer.write { [events] db in
            let (eventRecord, event) = try events.load(eventID, in: db)
            if let refusal = event.registrationRefusal(at: now) { throw DomainError.conflict(refusal) }
            try ParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "register for events", in: db)
            if let max = event.registration?.maxParticipantsPerStakeholder, input.participants.count > max {
                throw DomainError.validation([FieldError(field: "participants", message: "must name at most \(max) people for \(eventID)")])
            }
            if let existing = try String.fetchOne(
                db.cachedStatement(sql: Self.openRegistrationSQL),
                arguments: [eventID.rawValue, input.stakeholderID.rawValue]) {
                let status = try String.fetchOne(db, sql: "SELECT status FROM event_registration WHERE id = ?", arguments: [existing]) ?? ""
                throw DomainError.duplicate("\(input.stakeholderID) is already registered for \(eventID) (\(status)); withdraw that registration first", existingID: existing)
            }
            try Self.insert(record, in: db)
            try HistoryLog.registrations.append(created, in: db)
            try Outbox.enqueue(notification, now: now, in: db, event: eventRecord)
            return registration
        }
    }

    public func decide(_ id: EventRegistrationID, of eventID: EventID, _ decision: ReviewDecision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration {
        try await writer.write { db in
            let (eventRecord, event) = try GRDBEventRepository.load(eventID, in: db)
            guard var record = try Self.fetch(id, of: eventID, in: db) else {
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
            try record.update(db)
            try HistoryLog.registrations.append(entry, in: db)
            try notify(decision == .approve ? .registrationApproved : decision == .reject ? .registrationRejected : .registrationWithdrawn,
                       registration, now: now, event: eventRecord, in: db)
            return registration
        }
    }

    public func update(_ id: EventRegistrationID, of eventID: EventID, with patch: EventRegistrationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration {
        try await writer.write { db in
            let (eventRecord, event) = try GRDBEventRepository.load(eventID, in: db)
            guard let record = try Self.fetch(id, of: eventID, in: db) else {
                throw DomainError.notFound(resource: "registration", id: id.rawValue)
            }
            let registration = try record.model()
            if let expectedVersion, expectedVersion != registration.version { throw DomainError.preconditionFailed }
            if editor == .organisation {
                try ParticipationChecks.requireApproved(registration.stakeholderID, field: "stakeholder_id", action: "change its registrations", in: db)
            }
            let (edited, changed) = try ParticipationEdits.edit(registration, of: event, with: patch, by: editor, now: now)
            guard !changed.isEmpty else { return registration }
            try EventRegistrationRecord(edited, seq: record.seq).update(db)
            try HistoryLog.registrations.append(ParticipationEdits.updateEntry(of: id.rawValue, changed: changed, actor: actor, at: now), in: db)
            try notify(.registrationUpdated, edited, now: now, event: eventRecord, in: db)
            return edited
        }
    }

    /// Writes a new registration's row through one cached statement: GRDB's `Codable` insert (and the
    /// fetch of the row's `seq` after it) was 9 % of a registration's time. `SQLiteStoreTests` holds it
    /// to what GRDB's own insert of the same record writes.
    static func insert(_ row: EventRegistrationRecord, in db: Database) throws {
        try db.executeCached("""
            INSERT INTO event_registration (id, event_id, stakeholder_id, participants, status, status_reason, created_by, created_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [row.id, row.eventId, row.stakeholderId, row.participants, row.status, row.statusReason, row.createdBy,
                             StoredDate(row.createdAt), StoredDate(row.updatedAt), row.version])
    }

    // MARK: Reads

    public func history(of id: EventRegistrationID, of eventID: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await writer.read { db in
            guard try Self.fetch(id, of: eventID, in: db) != nil else { throw DomainError.notFound(resource: "registration", id: id.rawValue) }
            return try HistoryLog.registrations.page(of: id.rawValue, page, in: db)
        }
    }

    public func find(_ id: EventRegistrationID, of eventID: EventID) async throws -> EventRegistration? {
        try await writer.read { db in try Self.fetch(id, of: eventID, in: db)?.model() }
    }

    public func list(of eventID: EventID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration> {
        try await writer.read { db in
            _ = try GRDBEventRepository.load(eventID, in: db)
            let (records, next) = try Self.request(eventID, filter).page(page, order: filter.order, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func all(of eventID: EventID, filter: ParticipationFilter<RegistrationStatus>) async throws -> [EventRegistration] {
        try await writer.read { db in
            _ = try GRDBEventRepository.load(eventID, in: db)
            return try Self.request(eventID, filter).order(Column("seq")).fetchAll(db).map { try $0.model() }
        }
    }

    public func list(for stakeholderID: StakeholderID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration> {
        try await writer.read { db in
            let (records, next) = try Self.request(nil, filter.of(stakeholderID)).page(page, order: filter.order, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    // MARK: Helpers

    /// `event` is the registration's event, read in this transaction (its mails are told by it).
    private func notify(_ type: NotificationType, _ registration: EventRegistration, now: Date, event: EventRecord, in db: Database) throws {
        try Outbox.enqueue(prepared(type, registration), now: now, in: db, event: event)
    }

    /// The ID of an organisation's open registration for an event (arguments: the event, the organisation).
    /// The open statuses are written as literals, so SQLite answers from the partial unique index of open
    /// registrations (bound as arguments, they left it to the organisation's every registration, each read
    /// from the table). One column, read without a `Row` (whose column map was 2 % of the writer's time).
    static let openRegistrationSQL = "SELECT id FROM event_registration WHERE event_id = ? AND stakeholder_id = ? AND status IN ("
        + RegistrationStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    private func prepared(_ type: NotificationType, _ registration: EventRegistration) -> PreparedNotification {
        PreparedNotification(ChangeNotification(type: type, data: renderer.render(registration), concerns: [registration.stakeholderID]))
    }

    private static func fetch(_ id: EventRegistrationID, of eventID: EventID, in db: Database) throws -> EventRegistrationRecord? {
        try EventRegistrationRecord.filter(Column("id") == id.rawValue && Column("event_id") == eventID.rawValue).fetchOne(db)
    }

    /// The registrations of an event (or of every event) matching the filter.
    private static func request(_ eventID: EventID?, _ filter: ParticipationFilter<RegistrationStatus>) -> QueryInterfaceRequest<EventRegistrationRecord> {
        var request = EventRegistrationRecord.all()
        if let eventID { request = request.filter(Column("event_id") == eventID.rawValue) }
        if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
        if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
        if let stakeholder = filter.stakeholderID { request = request.filter(Column("stakeholder_id") == stakeholder.rawValue) }
        return request
    }
}
