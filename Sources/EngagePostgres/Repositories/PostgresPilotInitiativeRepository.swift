import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `PilotInitiativeRepository`.
///
/// Updates and participant changes lock the initiative row (`SELECT … FOR NO KEY UPDATE`) before they
/// read it and its participants, so concurrent changes through several instances are serialized:
/// the version check, the status move and the "already takes part" check rest on what they read.
struct PostgresPilotInitiativeRepository: PilotInitiativeRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Initiatives

    func create(_ input: PilotInitiativeInput, actor: String, now: Date) async throws -> PilotInitiative {
        try await database.write { db in
            var initiative = PilotInitiative(title: LocalizedText([:]), country: "", createdAt: now, updatedAt: now)
            try input.apply(to: &initiative)
            try await Self.checkReferences(initiative, projectChanged: true, eventsChanged: true, in: db)
            try await PilotInitiativeRecord(initiative, seq: nil).insert(in: db)
            try await Self.saveLinks(of: initiative, in: db)
            try await PostgresHistoryLog.pilotInitiatives.append(HistoryEntry(
                subjectID: initiative.id.rawValue, action: .created, toStatus: initiative.status.rawValue, actor: actor, at: now), in: db)
            try await PostgresOutbox.enqueue(ChangeNotification(type: .pilotCreated, data: renderer.render(initiative), concerns: []), now: now, in: db)
            return initiative
        }
    }

    func find(_ id: PilotInitiativeID) async throws -> PilotInitiative? {
        try await database.read { db in
            guard let record = try await PilotInitiativeRecord.find(id.rawValue, in: db) else { return nil }
            return try await Self.models([record], in: db).first
        }
    }

    func list(_ filter: PilotInitiativeFilter, page: PageRequest) async throws -> Page<PilotInitiative> {
        try await database.read { db in
            var condition: SQLQueryString = "TRUE"
            if let country = filter.country { condition += " AND country = \(bind: country)" }
            if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
            if let project = filter.projectID { condition += " AND project_id = \(bind: project.rawValue)" }
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            if !filter.priorities.isEmpty {
                condition += """
                     AND EXISTS (SELECT 1 FROM pilot_initiative_priority p WHERE p.pilot_initiative_id = pilot_initiative.id AND \(PostgresFragments.oneOf("p.topic", filter.priorities.map(\.rawValue))))
                    """
            }
            if let stakeholder = filter.stakeholderID {
                condition += """
                     AND EXISTS (SELECT 1 FROM pilot_initiative_participant p WHERE p.pilot_initiative_id = pilot_initiative.id AND p.stakeholder_id = \(bind: stakeholder.rawValue))
                    """
            }
            let (records, next) = try await PilotInitiativeRecord.page(where: condition, order: filter.order, page, in: db)
            return Page(items: try await Self.models(records, in: db), next: next)
        }
    }

    func update(_ id: PilotInitiativeID, with input: PilotInitiativeInput, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: true, in: db)
            var updated = current
            try input.apply(to: &updated)
            try await Self.checkReferences(updated, projectChanged: updated.projectID != current.projectID,
                                           eventsChanged: updated.linkedEventIDs != current.linkedEventIDs, in: db)
            if let target = input.status, target != current.status {
                guard current.status.canMove(to: target) else {
                    throw DomainError.conflict("a \(current.status.rawValue) initiative cannot become \(target.rawValue); allowed: proposed → active → completed, active ↔ suspended")
                }
                updated.status = target
            }
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty || updated.status != current.status else { return current }
            updated.updatedAt = now
            updated.version += 1
            try await PilotInitiativeRecord(updated, seq: record.seq).update(in: db)
            try await Self.saveLinks(of: updated, in: db)
            if !changed.isEmpty {
                try await PostgresHistoryLog.pilotInitiatives.append(
                    HistoryEntry(subjectID: id.rawValue, action: .updated, changedFields: changed, actor: actor, at: now), in: db)
                try await notify(.pilotUpdated, updated, concerns: [], now: now, in: db)
            }
            if updated.status != current.status {
                try await PostgresHistoryLog.pilotInitiatives.append(HistoryEntry(
                    subjectID: id.rawValue, action: .statusChanged, fromStatus: current.status.rawValue, toStatus: updated.status.rawValue,
                    reason: input.statusReason, actor: actor, at: now), in: db)
                try await notify(.pilotStatusChanged, updated, concerns: updated.participants.map(\.stakeholderID), now: now, in: db)
            }
            return updated
        }
    }

    // MARK: Participants and activities

    func addParticipant(to id: PilotInitiativeID, _ stakeholder: StakeholderID, role: PilotParticipant.Role, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: true, in: db)
            try PilotParticipants.checkAdding(stakeholder, to: current)
            try await PostgresParticipationChecks.requireApproved(stakeholder, field: "stakeholder_id", action: "take part in pilot initiatives", in: db)
            try await db.raw("""
                INSERT INTO pilot_initiative_participant (pilot_initiative_id, stakeholder_id, role, joined_at)
                VALUES (\(bind: id.rawValue), \(bind: stakeholder.rawValue), \(bind: role.rawValue), \(bind: now))
                """).run()
            let updated = try await Self.touch(record, now: now, in: db)
            try await PostgresHistoryLog.pilotInitiatives.append(PilotParticipants.entry(id, stakeholder, joined: role, actor: actor, at: now), in: db)
            try await notify(.pilotParticipantAdded, updated, concerns: [stakeholder], now: now, in: db)
            return updated
        }
    }

    func removeParticipant(from id: PilotInitiativeID, _ stakeholder: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: true, in: db)
            try PilotParticipants.checkRemoving(stakeholder, from: current)
            try await db.raw("""
                DELETE FROM pilot_initiative_participant WHERE pilot_initiative_id = \(bind: id.rawValue) AND stakeholder_id = \(bind: stakeholder.rawValue)
                """).run()
            let updated = try await Self.touch(record, now: now, in: db)
            try await PostgresHistoryLog.pilotInitiatives.append(PilotParticipants.entry(id, stakeholder, joined: nil, actor: actor, at: now), in: db)
            try await notify(.pilotParticipantRemoved, updated, concerns: [stakeholder], now: now, in: db)
            return updated
        }
    }

    func addActivity(_ activity: PilotActivity) async throws -> PilotActivity {
        try await database.write { db in
            // Share-locked: the participants told are those of the initiative when the entry commits.
            let (record, _) = try await Self.load(activity.initiativeID, share: true, in: db)
            try await db.raw("""
                INSERT INTO pilot_initiative_activity (id, pilot_initiative_id, date, kind, title, summary, created_by, created_at)
                VALUES (\(bind: activity.id.rawValue), \(bind: activity.initiativeID.rawValue), \(bind: activity.date.description),
                        \(bind: activity.kind.rawValue), \(bind: activity.title), \(bind: activity.summary), \(bind: activity.createdBy),
                        \(bind: activity.createdAt))
                """).run()
            let initiative = try await Self.models([record], in: db)[0]
            try await PostgresOutbox.enqueue(ChangeNotification(type: .pilotActivityLogged, data: renderer.render(activity),
                                                                concerns: initiative.participants.map(\.stakeholderID)), now: activity.createdAt, in: db)
            return activity
        }
    }

    func activities(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<PilotActivity> {
        try await database.read { db in
            _ = try await Self.load(id, in: db)
            // Newest first: by date, then by entry; the cursor carries the date and the sequence.
            // Dates compare byte-wise (`C` collation), as in `PostgresDateKeyset`.
            var query: SQLQueryString = "SELECT * FROM pilot_initiative_activity WHERE pilot_initiative_id = \(bind: id.rawValue)"
            if let after = page.after, let key = after.dateKey {
                let date = PostgresDateKeyset.date(fromKey: key)
                query += """
                     AND (date COLLATE "C" < \(bind: date) OR (date = \(bind: date) AND seq < \(bind: after.sequence)))
                    """
            }
            query += " ORDER BY date COLLATE \"C\" DESC, seq DESC LIMIT \(literal: page.limit + 1)"
            let rows = try await db.raw(query).all()
            let visible = rows.prefix(page.limit)
            let next = try rows.count > page.limit
                ? visible.last.map {
                    PostgresDateKeyset.cursor(startsOn: try $0.decode(column: "date", as: String.self), seq: try $0.decode(column: "seq", as: Int64.self))
                } : nil
            return Page(items: try visible.map(Self.activity), next: next)
        }
    }

    func history(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await database.read { db in
            _ = try await Self.load(id, in: db)
            return try await PostgresHistoryLog.pilotInitiatives.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Helpers

    private func notify(_ type: NotificationType, _ initiative: PilotInitiative, concerns: [StakeholderID], now: Date, in db: any SQLDatabase) async throws {
        try await PostgresOutbox.enqueue(ChangeNotification(type: type, data: renderer.render(initiative), concerns: concerns), now: now, in: db)
    }

    /// The initiative with its participants, or a 404; a 412 when `version` is given and not
    /// current. `lock` takes the row `FOR NO KEY UPDATE`, `share` `FOR SHARE`, until the transaction ends;
    /// the participants are read after the lock is held.
    private static func load(
        _ id: PilotInitiativeID, expecting version: Int? = nil, lock: Bool = false, share: Bool = false, in db: any SQLDatabase
    ) async throws -> (PilotInitiativeRecord, PilotInitiative) {
        let clause = lock ? " FOR NO KEY UPDATE" : share ? " FOR SHARE" : ""
        guard let record = try await PilotInitiativeRecord.fetchOne(
            "SELECT * FROM pilot_initiative WHERE id = \(bind: id.rawValue)\(unsafeRaw: clause)", in: db) else {
            throw DomainError.notFound(resource: "pilot initiative", id: id.rawValue)
        }
        let initiative = try await models([record], in: db)[0]
        if let version, version != initiative.version { throw DomainError.preconditionFailed }
        return (record, initiative)
    }

    /// A new version after a change to participants.
    private static func touch(_ record: PilotInitiativeRecord, now: Date, in db: any SQLDatabase) async throws -> PilotInitiative {
        var record = record
        record.updatedAt = now
        record.version += 1
        try await record.update(in: db)
        return try await models([record], in: db)[0]
    }

    /// The project and linked events must exist (checked only when they change).
    private static func checkReferences(_ initiative: PilotInitiative, projectChanged: Bool, eventsChanged: Bool, in db: any SQLDatabase) async throws {
        var errors = projectChanged ? try await PostgresProjectRepository.referenceErrors(initiative.projectID, in: db) : []
        if eventsChanged {
            for (index, event) in initiative.linkedEventIDs.enumerated() {
                if try await EventRecord.find(event.rawValue, in: db) == nil {
                    errors.append(FieldError(field: "linked_event_ids[\(index)]", message: "no event \(event)"))
                }
            }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    private static func saveLinks(of initiative: PilotInitiative, in db: any SQLDatabase) async throws {
        let id = initiative.id.rawValue
        try await db.raw("DELETE FROM pilot_initiative_priority WHERE pilot_initiative_id = \(bind: id)").run()
        for topic in initiative.priorities {
            try await db.raw("INSERT INTO pilot_initiative_priority (pilot_initiative_id, topic) VALUES (\(bind: id), \(bind: topic.rawValue))").run()
        }
        try await db.raw("DELETE FROM pilot_initiative_event WHERE pilot_initiative_id = \(bind: id)").run()
        for event in initiative.linkedEventIDs {
            try await db.raw("INSERT INTO pilot_initiative_event (pilot_initiative_id, event_id) VALUES (\(bind: id), \(bind: event.rawValue))").run()
        }
    }

    /// Models with their participants, loaded in one query (stakeholder IDs ordered byte-wise, as on SQLite).
    static func models(_ records: [PilotInitiativeRecord], in db: any SQLDatabase) async throws -> [PilotInitiative] {
        guard !records.isEmpty else { return [] }
        var participants: [String: [PilotParticipant]] = [:]
        for row in try await db.raw("""
            SELECT * FROM pilot_initiative_participant WHERE pilot_initiative_id = ANY(\(bind: records.map(\.id)))
            ORDER BY joined_at, stakeholder_id COLLATE "C"
            """).all() {
            guard let role = PilotParticipant.Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            participants[try row.decode(column: "pilot_initiative_id", as: String.self), default: []].append(PilotParticipant(
                stakeholderID: StakeholderID(unchecked: try row.decode(column: "stakeholder_id", as: String.self)), role: role,
                joinedAt: try row.decode(column: "joined_at", as: Date.self)))
        }
        return try records.map { try $0.model(participants: participants[$0.id] ?? []) }
    }

    private static func activity(_ row: any SQLRow) throws -> PilotActivity {
        let id = try row.decode(column: "id", as: String.self)
        guard let date = LocalDate(iso: try row.decode(column: "date", as: String.self)),
              let kind = ActivityKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw StorageError.corruptRow(table: "pilot_initiative_activity", id: id)
        }
        return PilotActivity(
            id: ActivityID(unchecked: id), initiativeID: PilotInitiativeID(unchecked: try row.decode(column: "pilot_initiative_id", as: String.self)),
            date: date, kind: kind, title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String?.self),
            createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
