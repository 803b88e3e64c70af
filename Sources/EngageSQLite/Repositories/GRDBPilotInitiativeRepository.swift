import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `PilotInitiativeRepository`.
public struct GRDBPilotInitiativeRepository: PilotInitiativeRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Initiatives

    public func create(_ input: PilotInitiativeInput, actor: String, now: Date) async throws -> PilotInitiative {
        try await writer.write { db in
            var initiative = PilotInitiative(title: LocalizedText([:]), country: "", createdAt: now, updatedAt: now)
            try input.apply(to: &initiative)
            try Self.checkReferences(initiative, projectChanged: true, eventsChanged: true, in: db)
            try PilotInitiativeRecord(initiative, seq: nil).insert(db)
            try Self.saveLinks(of: initiative, in: db)
            try HistoryLog.pilotInitiatives.append(HistoryEntry(
                subjectID: initiative.id.rawValue, action: .created, toStatus: initiative.status.rawValue, actor: actor, at: now), in: db)
            try Outbox.enqueue(ChangeNotification(type: .pilotCreated, data: renderer.render(initiative), concerns: []), now: now, in: db)
            return initiative
        }
    }

    public func find(_ id: PilotInitiativeID) async throws -> PilotInitiative? {
        try await writer.read { db in
            guard let record = try Self.fetch(id, in: db) else { return nil }
            return try Self.models([record], in: db).first
        }
    }

    public func list(_ filter: PilotInitiativeFilter, page: PageRequest) async throws -> Page<PilotInitiative> {
        try await writer.read { db in
            var request = PilotInitiativeRecord.all()
            if let country = filter.country { request = request.filter(Column("country") == country) }
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
            if let project = filter.projectID { request = request.filter(Column("project_id") == project.rawValue) }
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            if let priorities = AnyOfCondition("p.topic", filter.priorities.map(\.rawValue)) {
                request = request.filter(sql: "EXISTS (SELECT 1 FROM pilot_initiative_priority p WHERE p.pilot_initiative_id = pilot_initiative.id AND \(priorities.sql))",
                                         arguments: StatementArguments(priorities.arguments))
            }
            if let stakeholder = filter.stakeholderID {
                request = request.filter(sql: "EXISTS (SELECT 1 FROM pilot_initiative_participant p WHERE p.pilot_initiative_id = pilot_initiative.id AND p.stakeholder_id = ?)",
                                         arguments: [stakeholder.rawValue])
            }
            let (records, next) = try request.page(page, order: filter.order, in: db)
            return Page(items: try Self.models(records, in: db), next: next)
        }
    }

    public func update(_ id: PilotInitiativeID, with input: PilotInitiativeInput, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            var updated = current
            try input.apply(to: &updated)
            try Self.checkReferences(updated, projectChanged: updated.projectID != current.projectID,
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
            try PilotInitiativeRecord(updated, seq: record.seq).update(db)
            try Self.saveLinks(of: updated, in: db)
            if !changed.isEmpty {
                try HistoryLog.pilotInitiatives.append(HistoryEntry(subjectID: id.rawValue, action: .updated, changedFields: changed, actor: actor, at: now), in: db)
                try notify(.pilotUpdated, updated, concerns: [], now: now, in: db)
            }
            if updated.status != current.status {
                try HistoryLog.pilotInitiatives.append(HistoryEntry(
                    subjectID: id.rawValue, action: .statusChanged, fromStatus: current.status.rawValue, toStatus: updated.status.rawValue,
                    reason: input.statusReason, actor: actor, at: now), in: db)
                try notify(.pilotStatusChanged, updated, concerns: updated.participants.map(\.stakeholderID), now: now, in: db)
            }
            return updated
        }
    }

    // MARK: Participants and activities

    public func addParticipant(to id: PilotInitiativeID, _ stakeholder: StakeholderID, role: PilotParticipant.Role, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            try PilotParticipants.checkAdding(stakeholder, to: current)
            try ParticipationChecks.requireApproved(stakeholder, field: "stakeholder_id", action: "take part in pilot initiatives", in: db)
            try db.execute(sql: """
                INSERT INTO pilot_initiative_participant (pilot_initiative_id, stakeholder_id, role, joined_at) VALUES (?, ?, ?, ?)
                """, arguments: [id.rawValue, stakeholder.rawValue, role.rawValue, now])
            let updated = try Self.touch(record, now: now, in: db)
            try HistoryLog.pilotInitiatives.append(PilotParticipants.entry(id, stakeholder, joined: role, actor: actor, at: now), in: db)
            try notify(.pilotParticipantAdded, updated, concerns: [stakeholder], now: now, in: db)
            return updated
        }
    }

    public func removeParticipant(from id: PilotInitiativeID, _ stakeholder: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            try PilotParticipants.checkRemoving(stakeholder, from: current)
            try db.execute(sql: "DELETE FROM pilot_initiative_participant WHERE pilot_initiative_id = ? AND stakeholder_id = ?",
                           arguments: [id.rawValue, stakeholder.rawValue])
            let updated = try Self.touch(record, now: now, in: db)
            try HistoryLog.pilotInitiatives.append(PilotParticipants.entry(id, stakeholder, joined: nil, actor: actor, at: now), in: db)
            try notify(.pilotParticipantRemoved, updated, concerns: [stakeholder], now: now, in: db)
            return updated
        }
    }

    public func addActivity(_ activity: PilotActivity) async throws -> PilotActivity {
        try await writer.write { db in
            let (record, _) = try Self.load(activity.initiativeID, in: db)
            try db.execute(sql: """
                INSERT INTO pilot_initiative_activity (id, pilot_initiative_id, date, kind, title, summary, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [activity.id.rawValue, activity.initiativeID.rawValue, activity.date.description, activity.kind.rawValue,
                                 activity.title, activity.summary, activity.createdBy, activity.createdAt])
            let initiative = try Self.models([record], in: db)[0]
            try Outbox.enqueue(ChangeNotification(type: .pilotActivityLogged, data: renderer.render(activity),
                                                  concerns: initiative.participants.map(\.stakeholderID)), now: activity.createdAt, in: db)
            return activity
        }
    }

    public func activities(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<PilotActivity> {
        try await writer.read { db in
            _ = try Self.load(id, in: db)
            // Newest first: by date, then by entry; the cursor carries the date and the sequence.
            var sql = "SELECT * FROM pilot_initiative_activity WHERE pilot_initiative_id = ?"
            var arguments: [any DatabaseValueConvertible] = [id.rawValue]
            if let after = page.after, let key = after.dateKey {
                let date = DateKeyset.date(fromKey: key)
                sql += " AND (date < ? OR (date = ? AND seq < ?))"
                arguments += [date, date, after.sequence] as [any DatabaseValueConvertible]
            }
            sql += " ORDER BY date DESC, seq DESC LIMIT \(page.limit + 1)"
            let rows = try Row.decodeAll(db, sql: sql, arguments: StatementArguments(arguments)) { row in
                (activity: try Self.activity(row), cursor: DateKeyset.cursor(startsOn: row["date"], seq: row["seq"]))
            }
            let visible = rows.prefix(page.limit)
            return Page(items: visible.map(\.activity), next: rows.count > page.limit ? visible.last?.cursor : nil)
        }
    }

    public func history(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await writer.read { db in
            _ = try Self.load(id, in: db)
            return try HistoryLog.pilotInitiatives.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Helpers

    private func notify(_ type: NotificationType, _ initiative: PilotInitiative, concerns: [StakeholderID], now: Date, in db: Database) throws {
        try Outbox.enqueue(ChangeNotification(type: type, data: renderer.render(initiative), concerns: concerns), now: now, in: db)
    }

    private static func fetch(_ id: PilotInitiativeID, in db: Database) throws -> PilotInitiativeRecord? {
        try PilotInitiativeRecord.filter(Column("id") == id.rawValue).fetchOne(db)
    }

    private static func load(_ id: PilotInitiativeID, expecting version: Int? = nil, in db: Database) throws -> (PilotInitiativeRecord, PilotInitiative) {
        guard let record = try fetch(id, in: db) else { throw DomainError.notFound(resource: "pilot initiative", id: id.rawValue) }
        let initiative = try models([record], in: db)[0]
        if let version, version != initiative.version { throw DomainError.preconditionFailed }
        return (record, initiative)
    }

    /// A new version after a change to participants.
    private static func touch(_ record: PilotInitiativeRecord, now: Date, in db: Database) throws -> PilotInitiative {
        var record = record
        record.updatedAt = now
        record.version += 1
        try record.update(db)
        return try models([record], in: db)[0]
    }

    /// The project and linked events must exist (checked only when they change).
    private static func checkReferences(_ initiative: PilotInitiative, projectChanged: Bool, eventsChanged: Bool, in db: Database) throws {
        var errors = projectChanged ? try GRDBProjectRepository.referenceErrors(initiative.projectID, in: db) : []
        if eventsChanged {
            for (index, event) in initiative.linkedEventIDs.enumerated() where try GRDBEventRepository.fetch(event, in: db) == nil {
                errors.append(FieldError(field: "linked_event_ids[\(index)]", message: "no event \(event)"))
            }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    private static func saveLinks(of initiative: PilotInitiative, in db: Database) throws {
        let id = initiative.id.rawValue
        try db.execute(sql: "DELETE FROM pilot_initiative_priority WHERE pilot_initiative_id = ?", arguments: [id])
        for topic in initiative.priorities {
            try db.execute(sql: "INSERT INTO pilot_initiative_priority (pilot_initiative_id, topic) VALUES (?, ?)", arguments: [id, topic.rawValue])
        }
        try db.execute(sql: "DELETE FROM pilot_initiative_event WHERE pilot_initiative_id = ?", arguments: [id])
        for event in initiative.linkedEventIDs {
            try db.execute(sql: "INSERT INTO pilot_initiative_event (pilot_initiative_id, event_id) VALUES (?, ?)", arguments: [id, event.rawValue])
        }
    }

    /// Models with their participants, loaded in one query.
    static func models(_ records: [PilotInitiativeRecord], in db: Database) throws -> [PilotInitiative] {
        guard !records.isEmpty else { return [] }
        let ids = records.map(\.id)
        var participants: [String: [PilotParticipant]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT * FROM pilot_initiative_participant WHERE pilot_initiative_id IN \(SQLList.placeholders(ids.count))
            ORDER BY joined_at, stakeholder_id
            """, arguments: StatementArguments(ids)) {
            guard let role = PilotParticipant.Role(rawValue: row["role"]) else { continue }
            participants[row["pilot_initiative_id"], default: []].append(
                PilotParticipant(stakeholderID: StakeholderID(unchecked: row["stakeholder_id"]), role: role, joinedAt: row["joined_at"]))
        }
        return try records.map { try $0.model(participants: participants[$0.id] ?? []) }
    }

    private static func activity(_ row: Row) throws -> PilotActivity {
        guard let date = LocalDate(iso: row["date"]), let kind = ActivityKind(rawValue: row["kind"]) else {
            throw StorageError.corruptRow(table: "pilot_initiative_activity", id: row["id"])
        }
        return PilotActivity(id: ActivityID(unchecked: row["id"]), initiativeID: PilotInitiativeID(unchecked: row["pilot_initiative_id"]),
                             date: date, kind: kind, title: row["title"], summary: row["summary"], createdBy: row["created_by"], createdAt: row["created_at"])
    }
}
