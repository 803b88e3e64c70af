import EngageDomain
import Foundation
import GRDB

/// The SQLite implementation of `EventRepository`.
public struct GRDBEventRepository: EventRepository {
    private let writer: any DatabaseWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    // MARK: Writes

    public func create(_ input: EventInput, actor: String, now: Date) async throws -> Event {
        try await writer.write { db in
            var event = Event(title: "", kind: .other, createdAt: now, updatedAt: now)
            try input.apply(to: &event)
            try Self.validateParent(of: event, in: db)
            try Self.insert(event, actor: actor, in: db)
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
            if updated.kind != current.kind || updated.parentEventID != current.parentEventID {
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
            try EventHistoryRecord(EventHistoryEntry(
                eventID: id, action: .updated, fromStatus: nil, toStatus: nil, changedFields: changed,
                previousDates: changed.contains("starts_on") || changed.contains("ends_on") ? current.dates : nil,
                dates: changed.contains("starts_on") || changed.contains("ends_on") ? updated.dates : nil,
                actor: actor, at: now
            )).insert(db)
            return updated
        }
    }

    public func transition(_ id: EventID, _ transition: EventTransition, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let action = transition.action
            guard action.allowed(from: current.status) else {
                throw DomainError.conflict("a \(current.status.rawValue) event cannot be \(action.target == .scheduled ? "rescheduled" : action.target.rawValue)")
            }
            var updated = current
            updated.status = action.target
            var reason: String?
            let historyAction: EventHistoryEntry.Action
            switch transition {
            case .postpone(let why, let dates):
                reason = why
                updated.dates = dates
                historyAction = .postponed
            case .reschedule(let dates):
                updated.dates = dates
                historyAction = .rescheduled
            case .cancel(let why):
                reason = why
                historyAction = .cancelled
                try Self.closeOpenItems(of: id, reason: why, now: now, in: db)
            case .complete:
                if let refusal = current.completionRefusal(today: LocalDate(now)) { throw DomainError.conflict(refusal) }
                historyAction = .completed
            }
            updated.statusReason = action == .reschedule || action == .complete ? nil : reason
            updated.updatedAt = now
            updated.version += 1
            try EventRecord(updated, seq: record.seq).update(db)
            try EventHistoryRecord(EventHistoryEntry(
                eventID: id, action: historyAction, fromStatus: current.status, toStatus: updated.status, reason: reason,
                previousDates: current.dates, dates: updated.dates, actor: actor, at: now
            )).insert(db)
            return updated
        }
    }

    // MARK: Reads

    public func find(_ id: EventID) async throws -> Event? {
        try await writer.read { db in try Self.fetch(id, in: db)?.model() }
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

    public func history(of id: EventID, page: PageRequest) async throws -> Page<EventHistoryEntry> {
        try await writer.read { db in
            guard try Self.fetch(id, in: db) != nil else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
            let (records, next) = try EventHistoryRecord.filter(Column("event_id") == id.rawValue).page(page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    // MARK: Shared with the participation repositories

    static func fetch(_ id: EventID, in db: Database) throws -> EventRecord? {
        try EventRecord.filter(Column("id") == id.rawValue).fetchOne(db)
    }

    /// The event, or a 404; a 412 when `version` is given and not current.
    static func load(_ id: EventID, expecting version: Int? = nil, in db: Database) throws -> (EventRecord, Event) {
        guard let record = try fetch(id, in: db) else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
        let event = try record.model()
        if let version, version != event.version { throw DomainError.preconditionFailed }
        return (record, event)
    }

    /// Inserts a new event and its `created` history entry.
    static func insert(_ event: Event, actor: String, in db: Database) throws {
        try EventRecord(event, seq: nil).insert(db)
        try EventHistoryRecord(EventHistoryEntry(
            eventID: event.id, action: .created, fromStatus: nil, toStatus: event.status, dates: event.dates, actor: actor, at: event.createdAt
        )).insert(db)
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
        } else {
            message = "no event \(parentID)"
        }
        if let message { throw DomainError.validation([FieldError(field: "parent_event_id", message: message)]) }
    }

    private static func hasSideEvents(_ id: EventID, in db: Database) throws -> Bool {
        try EventRecord.filter(Column("parent_event_id") == id.rawValue).fetchCount(db) > 0
    }

    /// Closes pending registrations and undecided applications of a cancelled event.
    private static func closeOpenItems(of id: EventID, reason: String, now: Date, in db: Database) throws {
        try db.execute(sql: """
            UPDATE event_registration SET status = 'closed', status_reason = ?, updated_at = ?, version = version + 1
            WHERE event_id = ? AND status = 'pending'
            """, arguments: [reason, now, id.rawValue])
        try db.execute(sql: """
            UPDATE side_event_application SET status = 'closed', status_reason = ?, updated_at = ?, version = version + 1
            WHERE event_id = ? AND status = 'submitted'
            """, arguments: [reason, now, id.rawValue])
    }
}
