import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `SideEventApplicationRepository`.
///
/// Submitting locks the parent event row before any check, so two instances cannot both count an
/// organiser's open applications below the limit and both insert one. Deciding share-locks the
/// event (a transition waits for it) and locks the application; approving with `createEvent`
/// creates the side event in the same transaction.
struct PostgresSideEventApplicationRepository: SideEventApplicationRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func submit(for eventID: EventID, _ input: SideEventApplicationInput, actor: String, now: Date) async throws -> SideEventApplication {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .update, in: db)
            if let refusal = event.applicationRefusal(at: now) { throw DomainError.conflict(refusal) }
            let coOrganizerErrors = try await PostgresParticipationChecks.approvalErrors(input.coOrganizers, field: "co_organizers", in: db)
            let dateErrors = SideEventCascade.preferredDateErrors(input.preferredDates, parent: event)
            if !coOrganizerErrors.isEmpty || !dateErrors.isEmpty { throw DomainError.validation(coOrganizerErrors + dateErrors) }
            try await PostgresParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "apply to organise side events", in: db)
            let openStatuses = SideEventApplicationStatus.allCases.filter(\.isOpen).map(\.rawValue)
            let open = try await SideEventApplicationRecord.fetchAll("""
                SELECT * FROM side_event_application
                WHERE event_id = \(bind: eventID.rawValue) AND stakeholder_id = \(bind: input.stakeholderID.rawValue)
                    AND status = ANY(\(bind: openStatuses))
                ORDER BY seq
                """, in: db)
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
            try await SideEventApplicationRecord(application, seq: nil).insert(in: db)
            try await Self.writeCoOrganizers(of: application, in: db)
            try await PostgresHistoryLog.applications.append(
                ParticipationEdits.statusEntry(of: application.id.rawValue, from: nil, to: application.status.rawValue, reason: nil, actor: actor, at: now), in: db)
            try await notify(.applicationSubmitted, application, now: now, in: db)
            return application
        }
    }

    func decide(_ id: SideEventApplicationID, of eventID: EventID, _ decision: ReviewDecision, reason: String?, createEvent: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .share, in: db)
            guard let record = try await Self.fetch(id, of: eventID, lock: true, in: db),
                  var application = try await Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let expectedVersion, expectedVersion != application.version { throw DomainError.preconditionFailed }
            try ParticipationEdits.requireOpen(event)
            guard let next = application.status.after(decision) else {
                throw DomainError.conflict("a \(application.status.rawValue) application cannot be \(decision.pastTense)")
            }
            if decision == .approve, let refusal = Participation.approvalRefusal(application) { throw DomainError.conflict(refusal) }
            try await PostgresHistoryLog.applications.append(
                ParticipationEdits.statusEntry(of: id.rawValue, from: application.status.rawValue, to: next.rawValue, reason: reason, actor: actor, at: now), in: db)
            application.status = next
            application.statusReason = reason
            application.updatedAt = now
            application.version += 1
            if decision == .approve, createEvent {
                // Under the share-locked event: it cannot become a side event itself meanwhile.
                let sideEvent = Self.sideEvent(for: application, around: event, now: now)
                try await PostgresEventRepository.insert(sideEvent, actor: actor, renderer: renderer, in: db)
                application.sideEventID = sideEvent.id
            }
            try await SideEventApplicationRecord(application, seq: record.seq).update(in: db)
            try await notify(decision == .approve ? .applicationApproved : decision == .reject ? .applicationRejected : .applicationWithdrawn,
                             application, now: now, in: db)
            return application
        }
    }

    func answer(_ id: SideEventApplicationID, of eventID: EventID, coOrganizer: StakeholderID, _ consent: CoOrganizerConsent, actor: String, now: Date) async throws -> SideEventApplication {
        try await database.write { db in
            guard let record = try await Self.fetch(id, of: eventID, lock: true, in: db),
                  var application = try await Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let refusal = Participation.consentRefusal(application, by: coOrganizer) { throw DomainError.conflict(refusal) }
            guard application.coOrganizerConsents[coOrganizer] != consent else { return application }
            try await db.raw("""
                UPDATE side_event_co_organizer SET consent = \(bind: consent.rawValue)
                WHERE application_id = \(bind: id.rawValue) AND stakeholder_id = \(bind: coOrganizer.rawValue)
                """).run()
            application.coOrganizerConsents[coOrganizer] = consent
            application.updatedAt = now
            application.version += 1
            try await SideEventApplicationRecord(application, seq: record.seq).update(in: db)
            try await PostgresHistoryLog.applications.append(
                ParticipationEdits.answerEntry(of: id.rawValue, coOrganizer: coOrganizer, consent, actor: actor, at: now), in: db)
            try await notify(.coOrganizerResponded, application, now: now, in: db)
            return application
        }
    }

    /// Share-locks the event (a transition waits) and locks the application, like a decision.
    func update(_ id: SideEventApplicationID, of eventID: EventID, with patch: SideEventApplicationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication {
        try await database.write { db in
            let (_, event) = try await PostgresEventRepository.load(eventID, lock: .share, in: db)
            guard let record = try await Self.fetch(id, of: eventID, lock: true, in: db),
                  let application = try await Self.models([record], in: db).first else {
                throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
            }
            if let expectedVersion, expectedVersion != application.version { throw DomainError.preconditionFailed }
            if editor == .organisation {
                try await PostgresParticipationChecks.requireApproved(application.stakeholderID, field: "stakeholder_id", action: "edit its applications", in: db)
            }
            let (edited, changed) = try ParticipationEdits.edit(application, of: event, with: patch, by: editor, now: now)
            guard !changed.isEmpty else { return application }
            if changed.contains("co_organizers") {
                let errors = try await PostgresParticipationChecks.approvalErrors(edited.coOrganizers, field: "co_organizers", in: db)
                if !errors.isEmpty { throw DomainError.validation(errors) }
            }
            try await SideEventApplicationRecord(edited, seq: record.seq).update(in: db)
            if changed.contains("co_organizers") { try await Self.writeCoOrganizers(of: edited, in: db) }
            try await PostgresHistoryLog.applications.append(ParticipationEdits.updateEntry(of: id.rawValue, changed: changed, actor: actor, at: now), in: db)
            try await notify(.applicationUpdated, edited, also: application.coOrganizers, now: now, in: db)
            return edited
        }
    }

    // MARK: Reads

    func history(of id: SideEventApplicationID, of eventID: EventID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await database.read { db in
            guard try await Self.fetch(id, of: eventID, in: db) != nil else { throw DomainError.notFound(resource: "side-event application", id: id.rawValue) }
            return try await PostgresHistoryLog.applications.page(of: id.rawValue, page, in: db)
        }
    }

    func find(_ id: SideEventApplicationID, of eventID: EventID) async throws -> SideEventApplication? {
        try await database.read { db in
            guard let record = try await Self.fetch(id, of: eventID, in: db) else { return nil }
            return try await Self.models([record], in: db).first
        }
    }

    func organizers(of eventID: EventID) async throws -> [SideEventOrganizer] {
        try await database.read { db in
            _ = try await PostgresEventRepository.load(eventID, in: db)
            let query = SideEventOrganizersSQL.query
            return try await db.raw("\(unsafeRaw: query.before)\(bind: eventID.rawValue)\(unsafeRaw: query.after)").all().map {
                try SideEventOrganizersSQL.organizer(
                    stakeholderID: try $0.decode(column: "stakeholder_id", as: String.self), name: try $0.decode(column: "name", as: String.self),
                    role: try $0.decode(column: "role", as: String.self))
            }
        }
    }

    func list(of eventID: EventID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication> {
        try await database.read { db in
            _ = try await PostgresEventRepository.load(eventID, in: db)
            let (records, next) = try await SideEventApplicationRecord.page(where: Self.condition(eventID, filter), order: filter.order, page, in: db)
            return Page(items: try await Self.models(records, in: db), next: next)
        }
    }

    func list(for stakeholderID: StakeholderID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication> {
        try await database.read { db in
            let (records, next) = try await SideEventApplicationRecord.page(
                where: Self.condition(nil, filter.of(stakeholderID)), order: filter.order, page, in: db)
            return Page(items: try await Self.models(records, in: db), next: next)
        }
    }

    /// The applications of an event (or of every event) matching the filter, as a SQL condition; a
    /// stakeholder's are those it organises or co-organises.
    private static func condition(_ eventID: EventID?, _ filter: ParticipationFilter<SideEventApplicationStatus>) -> SQLQueryString {
        var condition: SQLQueryString = "TRUE"
        if let eventID { condition += " AND event_id = \(bind: eventID.rawValue)" }
        if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
        if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
        if let stakeholder = filter.stakeholderID {
            condition += """
                 AND (stakeholder_id = \(bind: stakeholder.rawValue) OR EXISTS (SELECT 1 FROM side_event_co_organizer c
                    WHERE c.application_id = side_event_application.id AND c.stakeholder_id = \(bind: stakeholder.rawValue)))
                """
        }
        return condition
    }

    // MARK: Helpers

    /// Tells the organiser and the co-organisers, and `also` (co-organisers an edit removed).
    private func notify(_ type: NotificationType, _ application: SideEventApplication, also: [StakeholderID] = [], now: Date, in db: any SQLDatabase) async throws {
        try await PostgresOutbox.enqueue(ChangeNotification(type: type, data: renderer.render(application),
                                                            concerns: ParticipationEdits.concerns(of: application, also: also)), now: now, in: db)
    }

    /// Replaces the application's co-organiser rows: its list in order, each with its answer (pending when new).
    private static func writeCoOrganizers(of application: SideEventApplication, in db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM side_event_co_organizer WHERE application_id = \(bind: application.id.rawValue)").run()
        for (position, coOrganizer) in application.coOrganizers.enumerated() {
            try await db.raw("""
                INSERT INTO side_event_co_organizer (application_id, stakeholder_id, position, consent)
                VALUES (\(bind: application.id.rawValue), \(bind: coOrganizer.rawValue), \(bind: position),
                    \(bind: (application.coOrganizerConsents[coOrganizer] ?? .pending).rawValue))
                """).run()
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

    /// The application of this event with this ID; `lock` takes it `FOR NO KEY UPDATE`.
    private static func fetch(_ id: SideEventApplicationID, of eventID: EventID, lock: Bool = false, in db: any SQLDatabase) async throws -> SideEventApplicationRecord? {
        try await SideEventApplicationRecord.fetchOne("""
            SELECT * FROM side_event_application WHERE id = \(bind: id.rawValue) AND event_id = \(bind: eventID.rawValue)\(unsafeRaw: lock ? " FOR NO KEY UPDATE" : "")
            """, in: db)
    }

    /// Models with their co-organisers, loaded in one query.
    static func models(_ records: [SideEventApplicationRecord], in db: any SQLDatabase) async throws -> [SideEventApplication] {
        guard !records.isEmpty else { return [] }
        var coOrganizers: [String: [StakeholderID]] = [:]
        var consents: [String: [StakeholderID: CoOrganizerConsent]] = [:]
        let rows = try await db.raw("""
            SELECT application_id, stakeholder_id, consent FROM side_event_co_organizer
            WHERE application_id = ANY(\(bind: records.map(\.id))) ORDER BY position
            """).all()
        for row in rows {
            let application = try row.decode(column: "application_id", as: String.self)
            let stakeholder = StakeholderID(unchecked: try row.decode(column: "stakeholder_id", as: String.self))
            coOrganizers[application, default: []].append(stakeholder)
            consents[application, default: [:]][stakeholder] = CoOrganizerConsent(rawValue: try row.decode(column: "consent", as: String.self))
        }
        return try records.map {
            var model = try $0.model(coOrganizers: coOrganizers[$0.id] ?? [])
            model.coOrganizerConsents = consents[$0.id] ?? [:]
            return model
        }
    }
}
