import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `EventRepository`.
///
/// Updates and transitions lock the event row before reading it; a parent event is share-locked
/// while a side event is attached to it, so it cannot become a side event itself meanwhile.
struct PostgresEventRepository: EventRepository {
    /// How a read takes the event row until the transaction ends.
    enum Lock: String {
        case none = ""
        /// Others may read and share-lock it, but not change it (an item decided under the event).
        case share = " FOR SHARE"
        /// Exclusively: the event itself, or what is counted under it, changes.
        case update = " FOR NO KEY UPDATE"
    }

    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func create(_ input: EventInput, actor: String, now: Date) async throws -> Event {
        try await database.write { db in
            var event = Event(title: LocalizedText([:]), kind: .other, createdAt: now, updatedAt: now)
            try input.apply(to: &event)
            try await Self.validateParent(of: event, in: db)
            let projectErrors = try await PostgresProjectRepository.referenceErrors(event.projectID, in: db)
            if !projectErrors.isEmpty { throw DomainError.validation(projectErrors) }
            try await Self.insert(event, actor: actor, renderer: renderer, in: db)
            return event
        }
    }

    func update(_ id: EventID, with input: EventInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: .update, in: db)
            var updated = current
            try input.apply(to: &updated)
            if updated.dates != current.dates, current.status != .scheduled {
                throw DomainError.conflict("\(id) is \(current.status.rawValue); change its dates with /reschedule")
            }
            if updated.projectID != current.projectID {
                let projectErrors = try await PostgresProjectRepository.referenceErrors(updated.projectID, in: db)
                if !projectErrors.isEmpty { throw DomainError.validation(projectErrors) }
            }
            if updated.kind != current.kind || updated.parentEventID != current.parentEventID || updated.dates != current.dates {
                try await Self.validateParent(of: updated, in: db)
                // No side event can be attached meanwhile: attaching one share-locks this (locked) row.
                if updated.parentEventID != nil, try await Self.hasSideEvents(id, in: db) {
                    throw DomainError.conflict("\(id) has side events of its own; it cannot become a side event")
                }
            }
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty else { return current }
            updated.updatedAt = now
            updated.version += 1
            try await EventRecord(updated, seq: record.seq).update(in: db)
            try await PostgresHistoryLog.events.append(HistoryEntry(
                subjectID: id.rawValue, action: .updated, changedFields: changed,
                previousDates: changed.contains("starts_on") || changed.contains("ends_on") ? current.dates : nil,
                dates: changed.contains("starts_on") || changed.contains("ends_on") ? updated.dates : nil,
                actor: actor, at: now
            ), in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .eventUpdated, data: renderer.render(updated), concerns: []), now: now, in: db)
            if updated.dates != current.dates {
                // New dates concern whoever holds a registration or an application, however staff set them.
                let held = try await Self.heldItems(of: id, in: db)
                var notification = ChangeNotification(
                    type: .eventRescheduled, data: renderer.render(updated), concerns: Affected.holders(held), previous: PreviousState(current))
                notification.affected = Affected.afterEventMove(held, closing: false)
                try await PostgresOutbox.enqueue(notification, now: now, in: db)
            }
            return updated
        }
    }

    func transition(_ id: EventID, _ transition: EventTransition, keepSideEvents: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await database.write { db in
            // Locked first: registering, applying and deciding lock it too, so the participants and
            // open items read below cannot change before this commits.
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: .update, in: db)
            let updated = try await move(record, current, transition, actor: actor, now: now, in: db)
            // Its side events follow, each locked and moved with its own history and notifications, after the parent's.
            let children = try await EventRecord.fetchAll(
                "SELECT * FROM event WHERE parent_event_id = \(bind: id.rawValue) ORDER BY seq FOR UPDATE", in: db)
            for childRecord in children {
                let child = try childRecord.model()
                guard let follow = SideEventCascade.transition(
                    for: child, parentDates: current.dates, parentTransition: transition, keepSideEvents: keepSideEvents) else { continue }
                _ = try await move(childRecord, child, follow, actor: actor, now: now, in: db)
            }
            return updated
        }
    }

    /// One event's lifecycle move (the event locked): the row, its history entry, its notification, and what it closes.
    private func move(_ record: EventRecord, _ current: Event, _ transition: EventTransition, actor: String, now: Date, in db: any SQLDatabase) async throws -> Event {
        let move = try current.moved(transition, actor: actor, now: now)
        let updated = move.updated
        // Told of a postponement, a new date or a cancellation: those holding open registrations or applications.
        let held = try await Self.heldItems(of: current.id, in: db)
        let concerned = Affected.holders(held)
        try await EventRecord(updated, seq: record.seq).update(in: db)
        try await PostgresHistoryLog.events.append(move.history, in: db)
        var notification = ChangeNotification(
            type: move.notification, data: renderer.render(updated), concerns: move.notification == .eventCompleted ? [] : concerned,
            previous: PreviousState(current))
        if !notification.concerns.isEmpty { notification.affected = Affected.afterEventMove(held, closing: move.closingReason != nil) }
        try await PostgresOutbox.enqueue(notification, now: now, in: db)
        // After the cancellation or completion itself, so receivers learn of it first.
        if let reason = move.closingReason { try await closeOpenItems(of: current.id, reason: reason, now: now, in: db) }
        return updated
    }

    // MARK: Reads

    func find(_ id: EventID) async throws -> Event? {
        try await database.read { db in try await Self.fetch(id, in: db)?.model() }
    }

    func list(_ filter: EventFilter, page: PageRequest) async throws -> Page<Event> {
        try await database.reading { reader in
            let rows = try await PostgresEventQuery(filter: filter, after: page.after, limit: page.limit + 1).fetch(reader)
            let visible = Array(rows.prefix(page.limit))
            let next = rows.count > page.limit ? visible.last?.cursor : nil
            return Page(items: try visible.map { try $0.record.model() }, next: next)
        }
    }

    func all(_ filter: EventFilter, limit: Int) async throws -> [Event] {
        try await database.reading { reader in
            try await PostgresEventQuery(filter: filter, after: nil, limit: limit).fetch(reader).map { try $0.record.model() }
        }
    }

    func history(of id: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await database.read { db in
            guard try await Self.fetch(id, in: db) != nil else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
            return try await PostgresHistoryLog.events.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Shared with the participation repositories

    /// The event row, locked as asked until the transaction ends.
    static func fetch(_ id: EventID, lock: Lock = .none, in db: any SQLDatabase) async throws -> EventRecord? {
        try await EventRecord.fetchOne("SELECT * FROM event WHERE id = \(bind: id.rawValue)\(unsafeRaw: lock.rawValue)", in: db)
    }

    /// The event, or a 404; a 412 when `version` is given and not current (checked after locking).
    static func load(_ id: EventID, expecting version: Int? = nil, lock: Lock = .none, in db: any SQLDatabase) async throws -> (EventRecord, Event) {
        guard let record = try await fetch(id, lock: lock, in: db) else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
        let event = try record.model()
        if let version, version != event.version { throw DomainError.preconditionFailed }
        return (record, event)
    }

    /// Inserts a new event, its `created` history entry and its notification.
    static func insert(_ event: Event, actor: String, renderer: any NotificationRenderer, in db: any SQLDatabase) async throws {
        try await EventRecord(event, seq: nil).insert(in: db)
        try await PostgresHistoryLog.events.append(HistoryEntry(
            subjectID: event.id.rawValue, action: .created, toStatus: event.status.rawValue, dates: event.dates, actor: actor, at: event.createdAt
        ), in: db)
        try await PostgresOutbox.enqueue(ChangeNotification(type: .eventCreated, data: renderer.render(event), concerns: []), now: event.createdAt, in: db)
    }

    /// The open registrations and applications of an event (and the application that made it, for a
    /// side event), once for each organisation that holds them (organiser or co-organiser): whom a move concerns.
    static func heldItems(of id: EventID, in db: any SQLDatabase) async throws -> [HeldItem] {
        try await db.raw("""
            SELECT holder, kind, id, status FROM (
            SELECT stakeholder_id AS holder, 'event_registration' AS kind, id, status FROM event_registration
                WHERE event_id = \(bind: id.rawValue) AND status IN ('pending', 'approved')
            UNION ALL SELECT stakeholder_id, 'side_event_application', id, status FROM side_event_application
                WHERE event_id = \(bind: id.rawValue) AND status IN ('submitted', 'approved')
            UNION ALL SELECT c.stakeholder_id, 'side_event_application', a.id, a.status FROM side_event_co_organizer c
                JOIN side_event_application a ON a.id = c.application_id WHERE a.event_id = \(bind: id.rawValue) AND a.status IN ('submitted', 'approved')
            UNION ALL SELECT stakeholder_id, 'side_event_application', id, status FROM side_event_application
                WHERE side_event_id = \(bind: id.rawValue) AND status = 'approved'
            UNION ALL SELECT c.stakeholder_id, 'side_event_application', a.id, a.status FROM side_event_co_organizer c
                JOIN side_event_application a ON a.id = c.application_id
                WHERE a.side_event_id = \(bind: id.rawValue) AND a.status = 'approved' AND c.consent <> 'declined'
            ) AS held
            ORDER BY holder COLLATE "C", kind COLLATE "C", id COLLATE "C"
            """).all().compactMap { row in
            try AffectedItem.Kind(rawValue: try row.decode(column: "kind", as: String.self)).map {
                HeldItem(holder: StakeholderID(unchecked: try row.decode(column: "holder", as: String.self)), kind: $0,
                         id: try row.decode(column: "id", as: String.self), status: try row.decode(column: "status", as: String.self))
            }
        }
    }

    // MARK: Helpers

    /// A side event needs a parent; a parent must exist and be a top-level event (so there are no cycles).
    /// The parent is share-locked, so it cannot become a side event before this transaction ends.
    private static func validateParent(of event: Event, in db: any SQLDatabase) async throws {
        guard let parentID = event.parentEventID else {
            if event.kind == .sideEvent {
                throw DomainError.validation([FieldError(field: "parent_event_id", message: "is required for a side event")])
            }
            return
        }
        let message: String?
        if parentID == event.id {
            message = "must not be the event itself"
        } else if let parent = try await fetch(parentID, lock: .share, in: db) {
            message = parent.parentEventId != nil ? "must be a top-level event, not a side event" : nil
            if message == nil, let problem = SideEventCascade.datesProblem(event.dates, parent: try parent.model()) {
                throw DomainError.validation([FieldError(field: "starts_on", message: problem), FieldError(field: "ends_on", message: problem)])
            }
        } else {
            message = "no event \(parentID)"
        }
        if let message { throw DomainError.validation([FieldError(field: "parent_event_id", message: message)]) }
    }

    private static func hasSideEvents(_ id: EventID, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT EXISTS (SELECT 1 FROM event WHERE parent_event_id = \(bind: id.rawValue)) AS found").first()?
            .decode(column: "found", as: Bool.self) ?? false
    }

    /// Closes pending registrations and undecided applications of a cancelled event, telling each holder.
    private func closeOpenItems(of id: EventID, reason: String, now: Date, in db: any SQLDatabase) async throws {
        let registrations = try await EventRegistrationRecord.fetchAll("""
            SELECT * FROM event_registration WHERE event_id = \(bind: id.rawValue) AND status = 'pending' ORDER BY seq FOR NO KEY UPDATE
            """, in: db)
        for record in registrations {
            var registration = try record.model()
            registration.status = .closed
            registration.statusReason = reason
            registration.updatedAt = now
            registration.version += 1
            try await EventRegistrationRecord(registration, seq: record.seq).update(in: db)
            try await PostgresOutbox.enqueue(
                ChangeNotification(type: .registrationClosed, data: renderer.render(registration), concerns: [registration.stakeholderID]),
                now: now, in: db)
        }
        let applications = try await SideEventApplicationRecord.fetchAll("""
            SELECT * FROM side_event_application WHERE event_id = \(bind: id.rawValue) AND status = 'submitted' ORDER BY seq FOR NO KEY UPDATE
            """, in: db)
        for (record, var application) in zip(applications, try await PostgresSideEventApplicationRepository.models(applications, in: db)) {
            application.status = .closed
            application.statusReason = reason
            application.updatedAt = now
            application.version += 1
            try await SideEventApplicationRecord(application, seq: record.seq).update(in: db)
            try await PostgresOutbox.enqueue(
                ChangeNotification(type: .applicationClosed, data: renderer.render(application),
                                   concerns: [application.stakeholderID] + application.coOrganizers),
                now: now, in: db)
        }
    }
}
