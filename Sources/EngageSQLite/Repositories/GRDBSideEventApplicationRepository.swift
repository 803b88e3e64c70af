import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `SideEventApplicationRepository`.
public struct GRDBSideEventApplicationRepository: SideEventApplicationRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Writes

    public func submit(for eventID: EventID, _ input: SideEventApplicationInput, actor: String, now: Date) async throws -> SideEventApplication {
        try await writer.write { db in
            let (_, event) = try GRDBEventRepository.load(eventID, in: db)
            if let refusal = event.applicationRefusal(at: now) { throw DomainError.conflict(refusal) }
            let coOrganizerErrors = try ParticipationChecks.approvalErrors(input.coOrganizers, field: "co_organizers", in: db)
            let dateErrors = SideEventCascade.preferredDateErrors(input.preferredDates, parent: event)
            if !coOrganizerErrors.isEmpty || !dateErrors.isEmpty { throw DomainError.validation(coOrganizerErrors + dateErrors) }
            try ParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "apply to organise side events", in: db)
            let open = try SideEventApplicationRecord
                .filter(Column("event_id") == eventID.rawValue && Column("stakeholder_id") == input.stakeholderID.rawValue)
                .filter(SideEventApplicationStatus.allCases.filter(\.isOpen).map(\.rawValue).contains(Column("status")))
                .order(Column("seq"))
                .fetchAll(db)
            let allowed = event.sideEventApplications?.maxPerOrganizer ?? 1
            if open.count >= allowed, let first = open.first {
                throw DomainError.duplicate(
                    "\(input.stakeholderID) already holds \(open.count) open application(s) for \(eventID), the most it may; withdraw one, or ask staff to allow more",
                    existingID: first.id)
            }
            let application = SideEventApplication(
                eventID: eventID, stakeholderID: input.stakeholderID, title: input.title, description: input.description,
                format: input.format, coOrganizers: input.coOrganizers, coSponsors: input.coSponsors,
                preferredDates: input.preferredDates, createdBy: actor, createdAt: now, updatedAt: now)
            try SideEventApplicationRecord(application, seq: nil).insert(db)
            try Self.writeCoOrganizers(of: application, in: db)
            try HistoryLog.applications.append(
                ParticipationEdits.statusEntry(of: application.id.rawValue, from: nil, to: application.status.rawValue, reason: nil, actor: actor, at: now), in: db)
            try notify(.applicationSubmitted, application, now: now, in: db)
            return application
        }
    }

    public func decide(_ id: SideEventApplicationID, of eventID: EventID, _ decision: ReviewDecision, reason: String?, createEvent: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication {
        try await writer.write { db in
            let (_, event) = try GRDBEventRepository.load(eventID, in: db)
            guard let record = try Self.fetch(id, of: eventID, in: db), var application = try Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let expectedVersion, expectedVersion != application.version { throw DomainError.preconditionFailed }
            try ParticipationEdits.requireOpen(event)
            guard let next = application.status.after(decision) else {
                throw DomainError.conflict("a \(application.status.rawValue) application cannot be \(decision.pastTense)")
            }
            if decision == .approve, let refusal = Participation.approvalRefusal(application) { throw DomainError.conflict(refusal) }
            try HistoryLog.applications.append(
                ParticipationEdits.statusEntry(of: id.rawValue, from: application.status.rawValue, to: next.rawValue, reason: reason, actor: actor, at: now), in: db)
            application.status = next
            application.statusReason = reason
            application.updatedAt = now
            application.version += 1
            if decision == .approve, createEvent {
                let sideEvent = Self.sideEvent(for: application, around: event, now: now)
                try GRDBEventRepository.insert(sideEvent, actor: actor, renderer: renderer, in: db)
                application.sideEventID = sideEvent.id
            }
            try SideEventApplicationRecord(application, seq: record.seq).update(db)
            try notify(decision == .approve ? .applicationApproved : decision == .reject ? .applicationRejected : .applicationWithdrawn,
                       application, now: now, in: db)
            return application
        }
    }

    public func answer(_ id: SideEventApplicationID, of eventID: EventID, coOrganizer: StakeholderID, _ consent: CoOrganizerConsent, actor: String, now: Date) async throws -> SideEventApplication {
        try await writer.write { db in
            guard let record = try Self.fetch(id, of: eventID, in: db), var application = try Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let refusal = Participation.consentRefusal(application, by: coOrganizer) { throw DomainError.conflict(refusal) }
            guard application.coOrganizerConsents[coOrganizer] != consent else { return application }
            try db.execute(
                sql: "UPDATE side_event_co_organizer SET consent = ? WHERE application_id = ? AND stakeholder_id = ?",
                arguments: [consent.rawValue, id.rawValue, coOrganizer.rawValue])
            application.coOrganizerConsents[coOrganizer] = consent
            application.updatedAt = now
            application.version += 1
            try SideEventApplicationRecord(application, seq: record.seq).update(db)
            try HistoryLog.applications.append(ParticipationEdits.answerEntry(of: id.rawValue, coOrganizer: coOrganizer, consent, actor: actor, at: now), in: db)
            try notify(.coOrganizerResponded, application, now: now, in: db)
            return application
        }
    }

    public func update(_ id: SideEventApplicationID, of eventID: EventID, with patch: SideEventApplicationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication {
        try await writer.write { db in
            let (_, event) = try GRDBEventRepository.load(eventID, in: db)
            guard let record = try Self.fetch(id, of: eventID, in: db), let application = try Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let expectedVersion, expectedVersion != application.version { throw DomainError.preconditionFailed }
            if editor == .organisation {
                try ParticipationChecks.requireApproved(application.stakeholderID, field: "stakeholder_id", action: "edit its applications", in: db)
            }
            let (edited, changed) = try ParticipationEdits.edit(application, of: event, with: patch, by: editor, now: now)
            guard !changed.isEmpty else { return application }
            if changed.contains("co_organizers") {
                let errors = try ParticipationChecks.approvalErrors(edited.coOrganizers, field: "co_organizers", in: db)
                if !errors.isEmpty { throw DomainError.validation(errors) }
            }
            try SideEventApplicationRecord(edited, seq: record.seq).update(db)
            if changed.contains("co_organizers") { try Self.writeCoOrganizers(of: edited, in: db) }
            try HistoryLog.applications.append(ParticipationEdits.updateEntry(of: id.rawValue, changed: changed, actor: actor, at: now), in: db)
            try notify(.applicationUpdated, edited, also: application.coOrganizers, now: now, in: db)
            return edited
        }
    }

    // MARK: Reads

    public func history(of id: SideEventApplicationID, of eventID: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await writer.read { db in
            guard try Self.fetch(id, of: eventID, in: db) != nil else { throw DomainError.notFound(resource: "side-event application", id: id.rawValue) }
            return try HistoryLog.applications.page(of: id.rawValue, page, in: db)
        }
    }

    public func find(_ id: SideEventApplicationID, of eventID: EventID) async throws -> SideEventApplication? {
        try await writer.read { db in
            guard let record = try Self.fetch(id, of: eventID, in: db) else { return nil }
            return try Self.models([record], in: db).first
        }
    }

    public func organizers(of eventID: EventID) async throws -> [SideEventOrganizer] {
        try await writer.read { db in
            _ = try GRDBEventRepository.load(eventID, in: db)
            return try Row.fetchAll(db, sql: SideEventOrganizersSQL.query.before + "?" + SideEventOrganizersSQL.query.after, arguments: [eventID.rawValue]).map {
                try SideEventOrganizersSQL.organizer(stakeholderID: $0["stakeholder_id"], name: $0["name"], role: $0["role"])
            }
        }
    }

    public func list(of eventID: EventID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication> {
        try await writer.read { db in
            _ = try GRDBEventRepository.load(eventID, in: db)
            let (records, next) = try Self.request(eventID, filter).page(page, order: filter.order, in: db)
            return Page(items: try Self.models(records, in: db), next: next)
        }
    }

    public func list(for stakeholderID: StakeholderID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication> {
        try await writer.read { db in
            let (records, next) = try Self.request(nil, filter.of(stakeholderID)).page(page, order: filter.order, in: db)
            return Page(items: try Self.models(records, in: db), next: next)
        }
    }

    /// The applications of an event (or of every event) matching the filter; a stakeholder's are those it
    /// organises or co-organises.
    private static func request(_ eventID: EventID?, _ filter: ParticipationFilter<SideEventApplicationStatus>) -> QueryInterfaceRequest<SideEventApplicationRecord> {
        var request = SideEventApplicationRecord.all()
        if let eventID { request = request.filter(Column("event_id") == eventID.rawValue) }
        if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
        if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
        if let stakeholder = filter.stakeholderID {
            request = request.filter(sql: """
                (stakeholder_id = ? OR EXISTS (SELECT 1 FROM side_event_co_organizer c
                    WHERE c.application_id = side_event_application.id AND c.stakeholder_id = ?))
                """, arguments: [stakeholder.rawValue, stakeholder.rawValue])
        }
        return request
    }

    // MARK: Helpers

    /// Tells the organiser and the co-organisers, and `also` (co-organisers an edit removed).
    private func notify(_ type: NotificationType, _ application: SideEventApplication, also: [StakeholderID] = [], now: Date, in db: Database) throws {
        try Outbox.enqueue(ChangeNotification(type: type, data: renderer.render(application),
                                              concerns: ParticipationEdits.concerns(of: application, also: also)), now: now, in: db)
    }

    /// Replaces the application's co-organiser rows: its list in order, each with its answer (pending when new).
    private static func writeCoOrganizers(of application: SideEventApplication, in db: Database) throws {
        try db.execute(sql: "DELETE FROM side_event_co_organizer WHERE application_id = ?", arguments: [application.id.rawValue])
        for (position, coOrganizer) in application.coOrganizers.enumerated() {
            try db.execute(
                sql: "INSERT INTO side_event_co_organizer (application_id, stakeholder_id, position, consent) VALUES (?, ?, ?, ?)",
                arguments: [application.id.rawValue, coOrganizer.rawValue, position, (application.coOrganizerConsents[coOrganizer] ?? .pending).rawValue])
        }
    }

    /// The side event an approved application becomes: under the event, on the first preferred day that
    /// falls within the event's dates; postponed, without dates, while the event has none.
    private static func sideEvent(for application: SideEventApplication, around event: Event, now: Date) -> Event {
        let day = event.dates.flatMap { dates in application.preferredDates.first(where: dates.contains) }
        let undated = event.dates == nil
        return Event(
            title: LocalizedText(application.title), kind: .sideEvent, description: LocalizedText(application.description),
            dates: undated ? nil : day.map { DateRange(startsOn: $0, endsOn: $0) }, timezone: event.timezone,
            format: application.format ?? event.format, location: event.location, parentEventID: event.id,
            status: undated ? .postponed : .scheduled,
            statusReason: undated ? "\(event.id) has no dates yet; the side event takes its date when the session does" : nil,
            createdAt: now, updatedAt: now)
    }

    private static func fetch(_ id: SideEventApplicationID, of eventID: EventID, in db: Database) throws -> SideEventApplicationRecord? {
        try SideEventApplicationRecord.filter(Column("id") == id.rawValue && Column("event_id") == eventID.rawValue).fetchOne(db)
    }

    /// Models with their co-organisers, loaded in one query.
    static func models(_ records: [SideEventApplicationRecord], in db: Database) throws -> [SideEventApplication] {
        guard !records.isEmpty else { return [] }
        let ids = records.map(\.id)
        var coOrganizers: [String: [StakeholderID]] = [:]
        var consents: [String: [StakeholderID: CoOrganizerConsent]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT application_id, stakeholder_id, consent FROM side_event_co_organizer
            WHERE application_id IN \(SQLList.placeholders(ids.count)) ORDER BY position
            """, arguments: StatementArguments(ids))
        for row in rows {
            let stakeholder = StakeholderID(unchecked: row["stakeholder_id"])
            coOrganizers[row["application_id"], default: []].append(stakeholder)
            consents[row["application_id"], default: [:]][stakeholder] = CoOrganizerConsent(rawValue: row["consent"])
        }
        return try records.map {
            var model = try $0.model(coOrganizers: coOrganizers[$0.id] ?? [])
            model.coOrganizerConsents = consents[$0.id] ?? [:]
            return model
        }
    }
}
