import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `WorkshopRepository`: loads and saves; the seat rules are `Seating`'s.
///
/// Several instances share the database, so every write that decides about seats (enrolling,
/// cancelling, attendance, a capacity or date change, a transition) first locks the workshop row
/// (`SELECT … FOR NO KEY UPDATE`) and only then counts seats and reads the waiting list. Every change to a
/// workshop's enrolments goes through that lock, so two enrolments racing for the last seat, through
/// one instance or several, are serialized on the row and cannot both get it. The transaction runs
/// at READ COMMITTED: each statement after the lock sees what the previous holder committed.
struct PostgresWorkshopRepository: WorkshopRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Workshops

    func create(_ input: WorkshopInput, actor: String, now: Date) async throws -> WorkshopSummary {
        try await database.write { db in
            var workshop = Workshop(title: LocalizedText([:]), capacity: 1, createdAt: now, updatedAt: now)
            try input.apply(to: &workshop)
            let errors = try await PostgresProjectRepository.referenceErrors(workshop.projectID, in: db)
            if !errors.isEmpty { throw DomainError.validation(errors) }
            try await WorkshopRecord(workshop, seq: nil).insert(in: db)
            try await PostgresHistoryLog.workshops.append(HistoryEntry(
                subjectID: workshop.id.rawValue, action: .created, toStatus: workshop.status.rawValue, dates: workshop.dates, actor: actor, at: now), in: db)
            try await notify(.workshopCreated, workshop, concerns: [], now: now, in: db)
            return WorkshopSummary(workshop: workshop, seats: SeatCounts(confirmed: 0, waitlisted: 0))
        }
    }

    func find(_ id: WorkshopID) async throws -> WorkshopSummary? {
        try await database.read { db in
            // One statement, so the workshop and its seats are one snapshot.
            guard let row = try await db.raw("""
                SELECT w.*, \(Self.seatColumns) FROM workshop w WHERE w.id = \(bind: id.rawValue)
                """).first() else { return nil }
            return try Self.summary(row).summary
        }
    }

    func list(_ filter: WorkshopFilter, page: PageRequest) async throws -> Page<WorkshopSummary> {
        try await database.read { db in
            var conditions: [SQLQueryString] = []
            if !filter.statuses.isEmpty { conditions.append(PostgresFragments.oneOf("w.status", filter.statuses.map(\.rawValue))) }
            if let series = filter.series { conditions.append("w.series = \(bind: series)") }
            if let country = filter.country { conditions.append("w.country = \(bind: country)") }
            if !filter.regions.isEmpty { conditions.append(PostgresFragments.oneOf("w.region", filter.regions.map(\.rawValue))) }
            if let project = filter.projectID { conditions.append("w.project_id = \(bind: project.rawValue)") }
            if let since = filter.updatedSince { conditions.append("w.updated_at >= \(bind: since)") }
            // By start date (either way), or a keyset on creation or `updated_at` (`sort`), as on SQLite.
            let order = filter.order ?? ListOrder(.startsOn)
            let byDate = order.field == .startsOn
            let keyset = PostgresSortKeyset(order, alias: "w")
            if let after = page.after {
                conditions.append(byDate ? PostgresDateKeyset.condition(after: after, alias: "w", descending: order.descending) : keyset.condition(after: after))
            }
            let condition: SQLQueryString = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
            // The seats come with the page: one statement, one snapshot, no query per workshop.
            let rows = try await db.raw("""
                SELECT w.*, \(Self.seatColumns)\(byDate ? "" : keyset.keySelection) FROM workshop w WHERE \(condition)
                ORDER BY \(byDate ? PostgresDateKeyset.orderBy("w", descending: order.descending) : keyset.orderBy) LIMIT \(literal: page.limit + 1)
                """).all()
            let summaries = try rows.map(Self.summary)
            let visible = summaries.prefix(page.limit)
            let next = try summaries.count > page.limit ? visible.indices.last.map { index in
                let record = visible[index].record
                return byDate ? PostgresDateKeyset.cursor(startsOn: record.startsOn, seq: record.seq) : try keyset.cursor(of: rows[index], sequence: record.seq ?? 0)
            } : nil
            return Page(items: visible.map(\.summary), next: next)
        }
    }

    func update(_ id: WorkshopID, with input: WorkshopInput, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: true, in: db)
            var updated = current
            try input.apply(to: &updated)
            let errors = try await PostgresProjectRepository.referenceErrors(updated.projectID == current.projectID ? nil : updated.projectID, in: db)
            if !errors.isEmpty { throw DomainError.validation(errors) }
            if updated.dates != current.dates, current.status != .scheduled {
                throw DomainError.conflict("\(id) is \(current.status.rawValue); change its dates with /reschedule")
            }
            if updated.dates == nil, current.status == .scheduled {
                throw DomainError.validation([FieldError(field: "starts_on", message: "a scheduled workshop keeps its dates; postpone it instead")])
            }
            let seats = try await Self.seats(of: id, in: db)
            if let refusal = Seating.capacityRefusal(updated, seats: seats) { throw refusal }
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty else { return WorkshopSummary(workshop: current, seats: seats) }
            updated.updatedAt = now
            updated.version += 1
            try await WorkshopRecord(updated, seq: record.seq).update(in: db)
            try await PostgresHistoryLog.workshops.append(HistoryEntry(
                subjectID: id.rawValue, action: .updated, changedFields: changed,
                previousDates: updated.dates != current.dates ? current.dates : nil, dates: updated.dates != current.dates ? updated.dates : nil,
                actor: actor, at: now), in: db)
            if updated.capacity > current.capacity { try await promote(in: updated, now: now, db: db) }
            try await notify(.workshopUpdated, updated, concerns: [], now: now, in: db)
            if updated.dates != current.dates {
                try await notify(.workshopRescheduled, updated, concerns: try await Self.enrolledStakeholders(of: id, in: db), previous: PreviousState(current),
                                 affected: Affected.afterWorkshopMove(try await Self.heldEnrolments(of: id, in: db), status: updated.status), now: now, in: db)
            }
            return WorkshopSummary(workshop: updated, seats: try await Self.seats(of: id, in: db))
        }
    }

    func transition(_ id: WorkshopID, _ transition: EventTransition, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, lock: true, in: db)
            let move = try current.moved(transition, actor: actor, now: now)
            let updated = move.updated
            try await WorkshopRecord(updated, seq: record.seq).update(in: db)
            try await PostgresHistoryLog.workshops.append(move.history, in: db)
            var enrolled: [StakeholderID] = []
            var affected: [StakeholderID: [AffectedItem]] = [:]
            if move.notification != .workshopCompleted {
                enrolled = try await Self.enrolledStakeholders(of: id, in: db)
                affected = Affected.afterWorkshopMove(try await Self.heldEnrolments(of: id, in: db), status: updated.status)
            }
            try await notify(move.notification, updated, concerns: enrolled, previous: PreviousState(current), affected: affected, now: now, in: db)
            try await cancelOpenEnrolments(of: updated, now: now, in: db)
            if updated.status == .completed { try await askForFeedback(on: updated, now: now, in: db) }
            return WorkshopSummary(workshop: updated, seats: try await Self.seats(of: id, in: db))
        }
    }

    func history(of id: WorkshopID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await database.read { db in
            guard try await WorkshopRecord.find(id.rawValue, in: db) != nil else { throw DomainError.notFound(resource: "workshop", id: id.rawValue) }
            return try await PostgresHistoryLog.workshops.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Enrolment

    func enrol(in workshopID: WorkshopID, _ input: EnrolmentInput, actor: String, now: Date) async throws -> Enrolment {
        try await database.write { db in
            // The workshop's lock first: the seat count and the duplicate check below rest on it.
            let (_, workshop) = try await Self.load(workshopID, lock: true, in: db)
            if let refusal = workshop.enrolmentRefusal(at: now) { throw DomainError.conflict(refusal) }
            try await PostgresParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "enrol in workshops", in: db)
            let existing = try await db.raw("""
                SELECT id, stakeholder_id FROM workshop_enrolment
                WHERE workshop_id = \(bind: workshopID.rawValue) AND lower(participant_email) = lower(\(bind: input.participant.email))
                    AND status IN ('confirmed', 'waitlisted')
                """).first()
            let match: (id: EnrolmentID, stakeholderID: StakeholderID)? = try existing.map {
                (EnrolmentID(unchecked: try $0.decode(column: "id", as: String.self)),
                 StakeholderID(unchecked: try $0.decode(column: "stakeholder_id", as: String.self)))
            }
            if let refusal = Seating.duplicateRefusal(existing: match, input: input, workshop: workshopID) { throw refusal }
            let country = try await db.raw("SELECT country FROM stakeholder WHERE id = \(bind: input.stakeholderID.rawValue)").first()?
                .decode(column: "country", as: String?.self)
            let seats = try await Self.seats(of: workshopID, in: db)
            var enrolment = Seating.enrolment(input, in: workshop, approvedCountry: country, seats: seats, actor: actor, now: now)
            // Only a waitlisted enrolment has a position, or moves others (a priority one goes ahead of them).
            let waitlisted = enrolment.status == .waitlisted
            let before = waitlisted ? try await Self.waitlistPositions(of: workshopID, in: db) : [:]
            try await EnrolmentRecord(enrolment, seq: nil).insert(in: db)
            if waitlisted { enrolment.waitlistPosition = try await Self.waitlistPositions(of: workshopID, in: db)[enrolment.id] }
            let notification: NotificationType = switch enrolment.status {
            case .confirmed: .enrolmentConfirmed
            case .waitlisted: .enrolmentWaitlisted
            case .cancelled: preconditionFailure("a new enrolment is confirmed or waitlisted")
            }
            try await notify(notification, enrolment, now: now, in: db)
            if waitlisted { try await tellMoves(on: workshopID, since: before, .priorityJoined, now: now, in: db) }
            return enrolment
        }
    }

    func cancelEnrolment(_ id: EnrolmentID, of workshopID: WorkshopID, expectedVersion: Int?, actor: String, now: Date) async throws -> Enrolment {
        try await database.write { db in
            let (_, workshop) = try await Self.load(workshopID, lock: true, in: db)
            let record = try await Self.loadEnrolment(id, of: workshopID, expecting: expectedVersion, in: db)
            let current = try record.model()
            let enrolment = try Seating.cancelled(current, of: workshop, now: now)
            let freedSeat = current.status == .confirmed
            let before = try await Self.waitlistPositions(of: workshopID, in: db)
            try await EnrolmentRecord(enrolment, seq: record.seq).update(in: db)
            try await notify(.enrolmentCancelled, enrolment, now: now, in: db)
            if freedSeat { try await promote(in: workshop, now: now, db: db) } else {
                try await tellMoves(on: workshopID, since: before, .aheadCancelled, now: now, in: db)
            }
            return enrolment
        }
    }

    func setAttendance(_ id: EnrolmentID, of workshopID: WorkshopID, attended: Bool, expectedVersion: Int?, now: Date) async throws -> Enrolment {
        try await database.write { db in
            let (_, workshop) = try await Self.load(workshopID, lock: true, in: db)
            let record = try await Self.loadEnrolment(id, of: workshopID, expecting: expectedVersion, in: db)
            let enrolment = try record.model()
            guard let updated = try Attendance.record(attended, on: enrolment, of: workshop, now: now) else { return enrolment }
            try await EnrolmentRecord(updated, seq: record.seq).update(in: db)
            for type in Attendance.notifications(after: updated, in: workshop) { try await notify(type, updated, now: now, in: db) }
            return updated
        }
    }

    func workshop(ofEnrolment id: EnrolmentID) async throws -> WorkshopID? {
        try await database.read { db in
            try await db.raw("SELECT workshop_id FROM workshop_enrolment WHERE id = \(bind: id.rawValue)").first()
                .map { WorkshopID(unchecked: try $0.decode(column: "workshop_id", as: String.self)) }
        }
    }

    func findEnrolment(_ id: EnrolmentID, of workshopID: WorkshopID) async throws -> Enrolment? {
        try await database.read { db in
            guard let record = try await Self.fetchEnrolment(id, of: workshopID, in: db) else { return nil }
            return try record.model(waitlistPosition: try await Self.waitlistPositions(of: workshopID, in: db)[EnrolmentID(unchecked: record.id)])
        }
    }

    func enrolments(of workshopID: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment> {
        try await database.read { db in
            _ = try await Self.load(workshopID, in: db)
            let (records, next) = try await EnrolmentRecord.page(where: Self.condition(workshopID, filter), order: filter.order, page, in: db)
            let positions = try await Self.waitlistPositions(of: workshopID, in: db)
            return Page(items: try records.map { try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)]) }, next: next)
        }
    }

    func enrolments(for stakeholderID: StakeholderID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment> {
        try await database.read { db in
            let (records, next) = try await EnrolmentRecord.page(where: Self.condition(nil, filter.of(stakeholderID)), order: filter.order, page, in: db)
            var positions: [EnrolmentID: Int] = [:]
            for workshop in Set(records.filter { $0.status == EnrolmentStatus.waitlisted.rawValue }.map(\.workshopId)) {
                positions.merge(try await Self.waitlistPositions(of: WorkshopID(unchecked: workshop), in: db)) { first, _ in first }
            }
            return Page(items: try records.map { try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)]) }, next: next)
        }
    }

    func allEnrolments(of workshopID: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>) async throws -> [Enrolment] {
        try await database.read { db in
            _ = try await Self.load(workshopID, in: db)
            let positions = try await Self.waitlistPositions(of: workshopID, in: db)
            return try await EnrolmentRecord.fetchAll("SELECT * FROM workshop_enrolment WHERE \(Self.condition(workshopID, filter)) ORDER BY seq", in: db).map {
                try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)])
            }
        }
    }

    // MARK: Helpers

    /// Promotes from the waiting list, as `Seating` says, while seats are free. The caller holds the workshop's lock.
    private func promote(in workshop: Workshop, now: Date, db: any SQLDatabase) async throws {
        let waiting = try await Self.waitlisted(of: workshop.id, in: db)
        let before = Seating.positions(try waiting.map { try $0.model() })
        let sequence = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id, $0.seq) })
        let confirmed = try await Self.seats(of: workshop.id, in: db).confirmed
        let promoted = Seating.promotions(capacity: workshop.capacity, confirmed: confirmed, waitlisted: try waiting.map { try $0.model() }, now: now)
        for enrolment in promoted {
            try await EnrolmentRecord(enrolment, seq: sequence[enrolment.id.rawValue] ?? nil).update(in: db)
            try await notify(.enrolmentPromoted, enrolment, now: now, in: db)
        }
        if !promoted.isEmpty { try await tellMoves(on: workshop.id, since: before, .aheadPromoted, now: now, in: db) }
    }

    /// Tells each enrolment still waiting whose place changed since `before`, with its old place and why.
    private func tellMoves(on workshopID: WorkshopID, since before: [EnrolmentID: Int], _ move: Seating.Move, now: Date, in db: any SQLDatabase) async throws {
        for moved in Seating.moved(before: before, after: try await Self.waitlistPositions(of: workshopID, in: db)) {
            guard let record = try await Self.fetchEnrolment(moved.id, of: workshopID, in: db) else { continue }
            let enrolment = try record.model(waitlistPosition: moved.to)
            try await PostgresOutbox.enqueue(ChangeNotification(
                type: .enrolmentWaitlistMoved, data: renderer.render(enrolment), concerns: [enrolment.stakeholderID],
                previous: PreviousState(waitlistPosition: moved.from), reason: move.reason), now: now, in: db)
        }
    }

    /// A cancelled workshop holds no seats and no waiting list; each enrolled stakeholder is told.
    /// In the order SQLite's index scan gives (by status, then enrolment), so notifications go out in the same order.
    /// Cancels the enrolments the workshop's move closes, each with the reason, telling each holder.
    /// A completed workshop asks each of its attendees for feedback.
    private func askForFeedback(on workshop: Workshop, now: Date, in db: any SQLDatabase) async throws {
        let records = try await EnrolmentRecord.fetchAll(
            "SELECT * FROM workshop_enrolment WHERE workshop_id = \(bind: workshop.id.rawValue) ORDER BY seq", in: db)
        for record in records {
            let enrolment = try record.model()
            if Attendance.askedOnCompletion(enrolment) { try await notify(.feedbackRequested, enrolment, now: now, in: db) }
        }
    }

    private func cancelOpenEnrolments(of workshop: Workshop, now: Date, in db: any SQLDatabase) async throws {
        let statuses = Seating.closedBy(workshop.status)
        guard !statuses.isEmpty else { return }
        let records = try await EnrolmentRecord.fetchAll("""
            SELECT * FROM workshop_enrolment WHERE workshop_id = \(bind: workshop.id.rawValue) AND status = ANY(\(bind: statuses.map(\.rawValue)))
            ORDER BY status COLLATE "C", seq
            """, in: db)
        for record in records {
            var enrolment = try record.model()
            enrolment.statusReason = Seating.closingReason(enrolment.status, workshopStatus: workshop.status, reason: workshop.statusReason)
            enrolment.status = .cancelled
            enrolment.updatedAt = now
            enrolment.version += 1
            try await EnrolmentRecord(enrolment, seq: record.seq).update(in: db)
            try await notify(.enrolmentCancelled, enrolment, now: now, in: db)
        }
    }

    private func notify(
        _ type: NotificationType, _ workshop: Workshop, concerns: [StakeholderID], previous: PreviousState? = nil,
        affected: [StakeholderID: [AffectedItem]] = [:], now: Date, in db: any SQLDatabase
    ) async throws {
        let summary = WorkshopSummary(workshop: workshop, seats: try await Self.seats(of: workshop.id, in: db))
        var notification = ChangeNotification(type: type, data: renderer.render(summary), concerns: concerns, previous: previous)
        notification.affected = affected
        try await PostgresOutbox.enqueue(notification, now: now, in: db)
    }

    private func notify(_ type: NotificationType, _ enrolment: Enrolment, now: Date, in db: any SQLDatabase) async throws {
        try await PostgresOutbox.enqueue(
            ChangeNotification(type: type, data: renderer.render(enrolment), concerns: [enrolment.stakeholderID]), now: now, in: db)
    }

    /// The workshop, or a 404; a 412 when `version` is given and not current. `lock` takes the row
    /// `FOR NO KEY UPDATE` until the transaction ends: every seat decision is made under it.
    private static func load(_ id: WorkshopID, expecting version: Int? = nil, lock: Bool = false, in db: any SQLDatabase) async throws -> (WorkshopRecord, Workshop) {
        guard let record = try await WorkshopRecord.find(id.rawValue, lock: lock, in: db) else {
            throw DomainError.notFound(resource: "workshop", id: id.rawValue)
        }
        let workshop = try record.model()
        if let version, version != workshop.version { throw DomainError.preconditionFailed }
        return (record, workshop)
    }

    private static func fetchEnrolment(_ id: EnrolmentID, of workshop: WorkshopID, in db: any SQLDatabase) async throws -> EnrolmentRecord? {
        try await EnrolmentRecord.fetchOne(
            "SELECT * FROM workshop_enrolment WHERE id = \(bind: id.rawValue) AND workshop_id = \(bind: workshop.rawValue)", in: db)
    }

    private static func loadEnrolment(_ id: EnrolmentID, of workshop: WorkshopID, expecting version: Int?, in db: any SQLDatabase) async throws -> EnrolmentRecord {
        guard let record = try await fetchEnrolment(id, of: workshop, in: db) else { throw DomainError.notFound(resource: "enrolment", id: id.rawValue) }
        if let version, version != record.version { throw DomainError.preconditionFailed }
        return record
    }

    static func seats(of id: WorkshopID, in db: any SQLDatabase) async throws -> SeatCounts {
        let row = try await db.raw("""
            SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed, count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted
            FROM workshop_enrolment WHERE workshop_id = \(bind: id.rawValue)
            """).first()
        return SeatCounts(
            confirmed: try row?.decode(column: "confirmed", as: Int.self) ?? 0,
            waitlisted: try row?.decode(column: "waitlisted", as: Int.self) ?? 0)
    }

    /// The seat counts of the workshop aliased `w`, as columns `seats_confirmed` and `seats_waitlisted`.
    private static let seatColumns: SQLQueryString = """
        (SELECT count(*) FROM workshop_enrolment e WHERE e.workshop_id = w.id AND e.status = 'confirmed') AS seats_confirmed,
        (SELECT count(*) FROM workshop_enrolment e WHERE e.workshop_id = w.id AND e.status = 'waitlisted') AS seats_waitlisted
        """

    /// A workshop row selected with `seatColumns`: its record (for the cursor) and its summary.
    private static func summary(_ row: any SQLRow) throws -> (record: WorkshopRecord, summary: WorkshopSummary) {
        let record = try WorkshopRecord.decode(row)
        let seats = SeatCounts(
            confirmed: try row.decode(column: "seats_confirmed", as: Int.self),
            waitlisted: try row.decode(column: "seats_waitlisted", as: Int.self))
        return (record, WorkshopSummary(workshop: try record.model(), seats: seats))
    }

    /// The waiting list in order of enrolment.
    private static func waitlisted(of id: WorkshopID, in db: any SQLDatabase) async throws -> [EnrolmentRecord] {
        try await EnrolmentRecord.fetchAll("""
            SELECT * FROM workshop_enrolment WHERE workshop_id = \(bind: id.rawValue) AND status = \(bind: EnrolmentStatus.waitlisted.rawValue)
            ORDER BY seq
            """, in: db)
    }

    /// Waiting-list positions by enrolment, as `Seating` orders the list.
    private static func waitlistPositions(of id: WorkshopID, in db: any SQLDatabase) async throws -> [EnrolmentID: Int] {
        Seating.positions(try await waitlisted(of: id, in: db).map { try $0.model() })
    }

    /// The open enrolments of a workshop, with the organisation that holds each.
    private static func heldEnrolments(of id: WorkshopID, in db: any SQLDatabase) async throws -> [HeldItem] {
        try await db.raw("""
            SELECT stakeholder_id, id, status FROM workshop_enrolment
            WHERE workshop_id = \(bind: id.rawValue) AND status IN ('confirmed', 'waitlisted') ORDER BY seq
            """).all().map { row in
            HeldItem(holder: StakeholderID(unchecked: try row.decode(column: "stakeholder_id", as: String.self)), kind: .workshopEnrolment,
                     id: try row.decode(column: "id", as: String.self), status: try row.decode(column: "status", as: String.self))
        }
    }

    /// The stakeholders with an open enrolment, in byte order of their IDs (as SQLite sorts them).
    private static func enrolledStakeholders(of id: WorkshopID, in db: any SQLDatabase) async throws -> [StakeholderID] {
        try await db.raw("""
            SELECT DISTINCT stakeholder_id COLLATE "C" AS stakeholder_id FROM workshop_enrolment
            WHERE workshop_id = \(bind: id.rawValue) AND status IN ('confirmed', 'waitlisted') ORDER BY 1
            """).all().map { StakeholderID(unchecked: try $0.decode(column: "stakeholder_id", as: String.self)) }
    }

    /// The enrolments of a workshop that `filter` selects, as a SQL condition.
    /// The enrolments of a workshop (or of every workshop) matching the filter, as a SQL condition.
    private static func condition(_ id: WorkshopID?, _ filter: ParticipationFilter<EnrolmentStatus>) -> SQLQueryString {
        var condition: SQLQueryString = "TRUE"
        if let id { condition += " AND workshop_id = \(bind: id.rawValue)" }
        if !filter.statuses.isEmpty { condition += " AND \(PostgresFragments.oneOf("status", filter.statuses.map(\.rawValue)))" }
        if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
        if let stakeholder = filter.stakeholderID { condition += " AND stakeholder_id = \(bind: stakeholder.rawValue)" }
        return condition
    }
}
