import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `EventRepository`.
public struct GRDBEventRepository: EventRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Writes

    public func create(_ input: EventInput, actor: String, now: Date) async throws -> Event {
        try await writer.write { db in
            var event = Event(title: LocalizedText([:]), kind: .other, createdAt: now, updatedAt: now)
            try input.apply(to: &event)
            try Self.validateParent(of: event, in: db)
            let projectErrors = try GRDBProjectRepository.referenceErrors(event.projectID, in: db)
            if !projectErrors.isEmpty { throw DomainError.validation(projectErrors) }
            try Self.insert(event, actor: actor, renderer: renderer, in: db)
            return event
        }
    }

    public func update(_ id: EventID, with input: EventInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            var updated = current
            try input.apply(to: &updated)
            if updated.dates != current.dates, current.status != .scheduled {
                throw DomainError.conflict("\(id) is \(current.status.rawValue); change its dates with /reschedule")
            }
            if updated.projectID != current.projectID {
                let projectErrors = try GRDBProjectRepository.referenceErrors(updated.projectID, in: db)
                if !projectErrors.isEmpty { throw DomainError.validation(projectErrors) }
            }
            if updated.kind != current.kind || updated.parentEventID != current.parentEventID || updated.dates != current.dates {
                try Self.validateParent(of: updated, in: db)
                if updated.parentEventID != nil, try Self.hasSideEvents(id, in: db) {
                    throw DomainError.conflict("\(id) has side events of its own; it cannot become a side event")
                }
            }
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty else { return current }
            updated.updatedAt = now
            updated.version += 1
            try EventRecord(updated, seq: record.seq).update(db)
            try HistoryLog.events.append(HistoryEntry(
                subjectID: id.rawValue, action: .updated, changedFields: changed,
                previousDates: changed.contains("starts_on") || changed.contains("ends_on") ? current.dates : nil,
                dates: changed.contains("starts_on") || changed.contains("ends_on") ? updated.dates : nil,
                actor: actor, at: now
            ), in: db)
            try Outbox.enqueue(ChangeNotification(type: .eventUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            if updated.dates != current.dates {
                // New dates concern whoever holds a registration or an application, however staff set them.
                let held = try Self.heldItems(of: id, in: db)
                var notification = ChangeNotification(
                    type: .eventRescheduled, data: renderer.render(updated), concerns: Affected.holders(held), previous: PreviousState(current))
                notification.affected = Affected.afterEventMove(held, closing: false)
                try Outbox.enqueue(notification, now: now, in: db)
            }
            return updated
        }
    }

    public func transition(_ id: EventID, _ transition: EventTransition, keepSideEvents: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let updated = try move(record, current, transition, actor: actor, now: now, in: db)
            // Its side events follow, each with its own history and notifications, after the parent's.
            for childRecord in try EventRecord.filter(Column("parent_event_id") == id.rawValue).order(Column("seq")).fetchAll(db) {
                let child = try childRecord.model()
                guard let follow = SideEventCascade.transition(
                    for: child, parentDates: current.dates, parentTransition: transition, keepSideEvents: keepSideEvents) else { continue }
                _ = try move(childRecord, child, follow, actor: actor, now: now, in: db)
            }
            return updated
        }
    }

    /// One event's lifecycle move: the row, its history entry, its notification, and what it closes.
    private func move(_ record: EventRecord, _ current: Event, _ transition: EventTransition, actor: String, now: Date, in db: Database) throws -> Event {
        let move = try current.moved(transition, actor: actor, now: now)
        let updated = move.updated
        // Told of a postponement, a new date or a cancellation: those holding open registrations or applications.
        let held = try Self.heldItems(of: current.id, in: db)
        let concerned = Affected.holders(held)
        try EventRecord(updated, seq: record.seq).update(db)
        try HistoryLog.events.append(move.history, in: db)
        var notification = ChangeNotification(
            type: move.notification, data: renderer.render(updated), concerns: move.notification == .eventCompleted ? [] : concerned,
            previous: PreviousState(current))
        if !notification.concerns.isEmpty { notification.affected = Affected.afterEventMove(held, closing: move.closingReason != nil) }
        try Outbox.enqueue(notification, now: now, in: db)
        // After the cancellation or completion itself, so receivers learn of it first.
        if let reason = move.closingReason { try closeOpenItems(of: current.id, reason: reason, now: now, in: db) }
        return updated
    }

    // MARK: Reads

    public func find(_ id: EventID) async throws -> Event? {
        try await writer.readStatement { db in try Self.fetch(id, in: db)?.model() }
    }

    public func list(_ filter: EventFilter, page: PageRequest) async throws -> Page<Event> {
        try await writer.read { db in
            let rows = try EventQuery(filter: filter, after: page.after, limit: page.limit + 1).fetch(db)
            let visible = Array(rows.prefix(page.limit))
            let next = rows.count > page.limit ? visible.last?.cursor : nil
            return Page(items: try visible.map { try $0.record.model() }, next: next)
        }
    }

    public func all(_ filter: EventFilter, limit: Int) async throws -> [Event] {
        try await writer.read { db in
            try EventQuery(filter: filter, after: nil, limit: limit).fetch(db).map { try $0.record.model() }
        }
    }

    public func history(of id: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await writer.read { db in
            guard try Self.fetch(id, in: db) != nil else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
            return try HistoryLog.events.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Shared with the participation repositories

    static func fetch(_ id: EventID, in db: Database) throws -> EventRecord? {
        try EventRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM event WHERE id = ?"), arguments: [id.rawValue])
    }

    /// The event, or a 404; a 412 when `version` is given and not current.
    static func load(_ id: EventID, expecting version: Int? = nil, in db: Database) throws -> (EventRecord, Event) {
        guard let record = try fetch(id, in: db) else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
        let event = try record.model()
        if let version, version != event.version { throw DomainError.preconditionFailed }
        return (record, event)
    }

    /// Inserts a new event, its `created` history entry and its notification.
    static func insert(_ event: Event, actor: String, renderer: any NotificationRenderer, in db: Database) throws {
        try EventRecord(event, seq: nil).insert(db)
        try HistoryLog.events.append(HistoryEntry(
            subjectID: event.id.rawValue, action: .created, toStatus: event.status.rawValue, dates: event.dates, actor: actor, at: event.createdAt
        ), in: db)
        try Outbox.enqueue(ChangeNotification(type: .eventCreated, data: renderer.render(event), concerns: []), now: event.createdAt, in: db)
    }

    /// The open registrations and applications of an event (and the application that made it, for a
    /// side event), once for each organisation that holds them (organiser or co-organiser): whom a move concerns.
    static func heldItems(of id: EventID, in db: Database) throws -> [HeldItem] {
        try Row.fetchAll(db, sql: """
            SELECT stakeholder_id AS holder, 'event_registration' AS kind, id, status FROM event_registration
                WHERE event_id = ?1 AND status IN ('pending', 'approved')
            UNION ALL SELECT stakeholder_id, 'side_event_application', id, status FROM side_event_application
                WHERE event_id = ?1 AND status IN ('submitted', 'approved')
            UNION ALL SELECT c.stakeholder_id, 'side_event_application', a.id, a.status FROM side_event_co_organizer c
                JOIN side_event_application a ON a.id = c.application_id WHERE a.event_id = ?1 AND a.status IN ('submitted', 'approved')
            UNION ALL SELECT stakeholder_id, 'side_event_application', id, status FROM side_event_application
                WHERE side_event_id = ?1 AND status = 'approved'
            UNION ALL SELECT c.stakeholder_id, 'side_event_application', a.id, a.status FROM side_event_co_organizer c
                JOIN side_event_application a ON a.id = c.application_id WHERE a.side_event_id = ?1 AND a.status = 'approved' AND c.consent <> 'declined'
            ORDER BY 1, 2, 3
            """, arguments: [id.rawValue]).compactMap { row in
            AffectedItem.Kind(rawValue: row["kind"]).map { HeldItem(holder: StakeholderID(unchecked: row["holder"]), kind: $0, id: row["id"], status: row["status"]) }
        }
    }

    // MARK: Helpers

    /// A side event needs a parent; a parent must exist and be a top-level event (so there are no cycles).
    private static func validateParent(of event: Event, in db: Database) throws {
        guard let parentID = event.parentEventID else {
            if event.kind == .sideEvent {
                throw DomainError.validation([FieldError(field: "parent_event_id", message: "is required for a side event")])
            }
            return
        }
        let message: String?
        if parentID == event.id {
            message = "must not be the event itself"
        } else if let parent = try fetch(parentID, in: db) {
            message = parent.parentEventId != nil ? "must be a top-level event, not a side event" : nil
            if message == nil, let problem = SideEventCascade.datesProblem(event.dates, parent: try parent.model()) {
                throw DomainError.validation([FieldError(field: "starts_on", message: problem), FieldError(field: "ends_on", message: problem)])
            }
        } else {
            message = "no event \(parentID)"
        }
        if let message { throw DomainError.validation([FieldError(field: "parent_event_id", message: message)]) }
    }

    private static func hasSideEvents(_ id: EventID, in db: Database) throws -> Bool {
        try EventRecord.filter(Column("parent_event_id") == id.rawValue).fetchCount(db) > 0
    }

    /// Closes pending registrations and undecided applications of a cancelled event, telling each holder.
    private func closeOpenItems(of id: EventID, reason: String, now: Date, in db: Database) throws {
        for record in try EventRegistrationRecord.filter(Column("event_id") == id.rawValue && Column("status") == "pending").fetchAll(db) {
            var registration = try record.model()
            registration.status = .closed
            registration.statusReason = reason
            registration.updatedAt = now
            registration.version += 1
            try EventRegistrationRecord(registration, seq: record.seq).update(db)
            try Outbox.enqueue(ChangeNotification(type: .registrationClosed, data: renderer.render(registration), concerns: [registration.stakeholderID]),
                               now: now, in: db)
        }
        let applications = try SideEventApplicationRecord.filter(Column("event_id") == id.rawValue && Column("status") == "submitted").fetchAll(db)
        for (record, var application) in zip(applications, try GRDBSideEventApplicationRepository.models(applications, in: db)) {
            application.status = .closed
            application.statusReason = reason
            application.updatedAt = now
            application.version += 1
            try SideEventApplicationRecord(application, seq: record.seq).update(db)
            try Outbox.enqueue(ChangeNotification(type: .applicationClosed, data: renderer.render(application),
                                                  concerns: [application.stakeholderID] + application.coOrganizers), now: now, in: db)
        }
    }
}
