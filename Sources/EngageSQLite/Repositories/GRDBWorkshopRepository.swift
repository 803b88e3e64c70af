import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `WorkshopRepository`: loads and saves; the seat rules are `Seating`'s.
///
/// Seats are counted inside the write transaction that takes one. GRDB opens every write
/// transaction with `BEGIN IMMEDIATE`, so the transaction holds SQLite's write lock from its first
/// statement: two enrolments racing for the last seat, in one process or several, cannot both get it.
public struct GRDBWorkshopRepository: WorkshopRepository {
    private let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Workshops

    public func create(_ input: WorkshopInput, actor: String, now: Date) async throws -> WorkshopSummary {
        try await writer.write { db in
            var workshop = Workshop(title: LocalizedText([:]), capacity: 1, createdAt: now, updatedAt: now)
            try input.apply(to: &workshop)
            let errors = try GRDBProjectRepository.referenceErrors(workshop.projectID, in: db)
            if !errors.isEmpty { throw DomainError.validation(errors) }
            try WorkshopRecord(workshop, seq: nil).insert(db)
            try HistoryLog.workshops.append(HistoryEntry(
                subjectID: workshop.id.rawValue, action: .created, toStatus: workshop.status.rawValue, dates: workshop.dates, actor: actor, at: now), in: db)
            try notify(.workshopCreated, workshop, concerns: [], now: now, in: db)
            return WorkshopSummary(workshop: workshop, seats: SeatCounts(confirmed: 0, waitlisted: 0))
        }
    }

    public func find(_ id: WorkshopID) async throws -> WorkshopSummary? {
        try await writer.read { db in
            guard let record = try Self.fetch(id, in: db) else { return nil }
            return WorkshopSummary(workshop: try record.model(), seats: try Self.seats(of: id, in: db))
        }
    }

    public func list(_ filter: WorkshopFilter, page: PageRequest) async throws -> Page<WorkshopSummary> {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            for condition in [AnyOfCondition("w.status", filter.statuses.map(\.rawValue)), AnyOfCondition("w.region", filter.regions.map(\.rawValue))] {
                if let condition { conditions.append(condition.sql); arguments += condition.arguments }
            }
            if let series = filter.series { conditions.append("w.series = ?"); arguments.append(series) }
            if let country = filter.country { conditions.append("w.country = ?"); arguments.append(country) }
            if let project = filter.projectID { conditions.append("w.project_id = ?"); arguments.append(project.rawValue) }
            if let since = filter.updatedSince { conditions.append("w.updated_at >= ?"); arguments.append(since) }
            // By start date (either way), or a keyset on creation or `updated_at` (`sort`).
            let order = filter.order ?? ListOrder(.startsOn)
            let byDate = order.field == .startsOn
            let keyset = SortKeyset(order, alias: "w")
            if let after = page.after {
                let (condition, values) = byDate ? DateKeyset.condition(after: after, alias: "w", descending: order.descending) : keyset.condition(after: after)
                conditions.append(condition)
                arguments += values
            }
            var sql = "SELECT w.*" + (byDate ? "" : keyset.keySelection) + " FROM workshop w"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY \(byDate ? DateKeyset.orderBy("w", descending: order.descending) : keyset.orderBy) LIMIT \(page.limit + 1)"
            let rows = try Row.decodeAll(db, sql: sql, arguments: StatementArguments(arguments)) { row in
                (record: try WorkshopRecord(row: row),
                 cursor: byDate ? DateKeyset.cursor(startsOn: row["starts_on"], seq: row["seq"]) : keyset.cursor(of: row, sequence: row["seq"]))
            }
            let visible = rows.prefix(page.limit)
            let items = try visible.map { row in
                WorkshopSummary(workshop: try row.record.model(), seats: try Self.seats(of: WorkshopID(unchecked: row.record.id), in: db))
            }
            return Page(items: items, next: rows.count > page.limit ? visible.last?.cursor : nil)
        }
    }

    public func update(_ id: WorkshopID, with input: WorkshopInput, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            var updated = current
            try input.apply(to: &updated)
            let errors = try GRDBProjectRepository.referenceErrors(updated.projectID == current.projectID ? nil : updated.projectID, in: db)
            if !errors.isEmpty { throw DomainError.validation(errors) }
            if updated.dates != current.dates, current.status != .scheduled {
                throw DomainError.conflict("\(id) is \(current.status.rawValue); change its dates with /reschedule")
            }
            if updated.dates == nil, current.status == .scheduled {
                throw DomainError.validation([FieldError(field: "starts_on", message: "a scheduled workshop keeps its dates; postpone it instead")])
            }
            let seats = try Self.seats(of: id, in: db)
            if let refusal = Seating.capacityRefusal(updated, seats: seats) { throw refusal }
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty else { return WorkshopSummary(workshop: current, seats: seats) }
            updated.updatedAt = now
            updated.version += 1
            try WorkshopRecord(updated, seq: record.seq).update(db)
            try HistoryLog.workshops.append(HistoryEntry(
                subjectID: id.rawValue, action: .updated, changedFields: changed,
                previousDates: updated.dates != current.dates ? current.dates : nil, dates: updated.dates != current.dates ? updated.dates : nil,
                actor: actor, at: now), in: db)
            if updated.capacity > current.capacity { try promote(in: updated, now: now, db: db) }
            try notify(.workshopUpdated, updated, concerns: [], now: now, in: db)
            if updated.dates != current.dates {
                try notify(.workshopRescheduled, updated, concerns: try Self.enrolledStakeholders(of: id, in: db), previous: PreviousState(current),
                           affected: Affected.afterWorkshopMove(try Self.heldEnrolments(of: id, in: db), status: updated.status), now: now, in: db)
            }
            return WorkshopSummary(workshop: updated, seats: try Self.seats(of: id, in: db))
        }
    }

    public func transition(_ id: WorkshopID, _ transition: EventTransition, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let move = try current.moved(transition, actor: actor, now: now)
            let updated = move.updated
            try WorkshopRecord(updated, seq: record.seq).update(db)
            try HistoryLog.workshops.append(move.history, in: db)
            let enrolled = move.notification == .workshopCompleted ? [] : try Self.enrolledStakeholders(of: id, in: db)
            let affected = enrolled.isEmpty ? [:] : Affected.afterWorkshopMove(try Self.heldEnrolments(of: id, in: db), status: updated.status)
            try notify(move.notification, updated, concerns: enrolled, previous: PreviousState(current), affected: affected, now: now, in: db)
            try cancelOpenEnrolments(of: updated, now: now, in: db)
            if updated.status == .completed { try askForFeedback(on: updated, now: now, in: db) }
            return WorkshopSummary(workshop: updated, seats: try Self.seats(of: id, in: db))
        }
    }

    public func history(of id: WorkshopID, page: PageRequest) async throws -> Page<HistoryEntry> {
        try await writer.read { db in
            guard try Self.fetch(id, in: db) != nil else { throw DomainError.notFound(resource: "workshop", id: id.rawValue) }
            return try HistoryLog.workshops.page(of: id.rawValue, page, in: db)
        }
    }

    // MARK: Enrolment

    public func enrol(in workshopID: WorkshopID, _ input: EnrolmentInput, actor: String, now: Date) async throws -> Enrolment {
        try await writer.write { db in
            let (_, workshop) = try Self.load(workshopID, in: db)
            if let refusal = workshop.enrolmentRefusal(at: now) { throw DomainError.conflict(refusal) }
            try ParticipationChecks.requireApproved(input.stakeholderID, field: "stakeholder_id", action: "enrol in workshops", in: db)
            let existing = try Row.fetchOne(db, sql: """
                SELECT id, stakeholder_id FROM workshop_enrolment
                WHERE workshop_id = ? AND lower(participant_email) = lower(?) AND status IN ('confirmed', 'waitlisted')
                """, arguments: [workshopID.rawValue, input.participant.email])
            if let refusal = Seating.duplicateRefusal(
                existing: existing.map { (EnrolmentID(unchecked: $0["id"]), StakeholderID(unchecked: $0["stakeholder_id"])) },
                input: input, workshop: workshopID) { throw refusal }
            let country = try String.fetchOne(db, sql: "SELECT country FROM stakeholder WHERE id = ?", arguments: [input.stakeholderID.rawValue])
            var enrolment = Seating.enrolment(
                input, in: workshop, approvedCountry: country, seats: try Self.seats(of: workshopID, in: db), actor: actor, now: now)
            // Only a waitlisted enrolment has a position, or moves others (a priority one goes ahead of them).
            let waitlisted = enrolment.status == .waitlisted
            let before = waitlisted ? try Self.waitlistPositions(of: workshopID, in: db) : [:]
            try EnrolmentRecord(enrolment, seq: nil).insert(db)
            if waitlisted { enrolment.waitlistPosition = try Self.waitlistPositions(of: workshopID, in: db)[enrolment.id] }
            let notification: NotificationType = switch enrolment.status {
            case .confirmed: .enrolmentConfirmed
            case .waitlisted: .enrolmentWaitlisted
            case .cancelled: preconditionFailure("a new enrolment is confirmed or waitlisted")
            }
            try notify(notification, enrolment, now: now, in: db)
            if waitlisted { try tellMoves(on: workshopID, since: before, .priorityJoined, now: now, in: db) }
            return enrolment
        }
    }

    public func cancelEnrolment(_ id: EnrolmentID, of workshopID: WorkshopID, expectedVersion: Int?, actor: String, now: Date) async throws -> Enrolment {
        try await writer.write { db in
            let (_, workshop) = try Self.load(workshopID, in: db)
            let record = try Self.loadEnrolment(id, of: workshopID, expecting: expectedVersion, in: db)
            let current = try record.model()
            let enrolment = try Seating.cancelled(current, of: workshop, now: now)
            let freedSeat = current.status == .confirmed
            let before = try Self.waitlistPositions(of: workshopID, in: db)
            try EnrolmentRecord(enrolment, seq: record.seq).update(db)
            try notify(.enrolmentCancelled, enrolment, now: now, in: db)
            if freedSeat { try promote(in: workshop, now: now, db: db) } else {
                try tellMoves(on: workshopID, since: before, .aheadCancelled, now: now, in: db)
            }
            return enrolment
        }
    }

    public func setAttendance(_ id: EnrolmentID, of workshopID: WorkshopID, attended: Bool, expectedVersion: Int?, now: Date) async throws -> Enrolment {
        try await writer.write { db in
            let (_, workshop) = try Self.load(workshopID, in: db)
            let record = try Self.loadEnrolment(id, of: workshopID, expecting: expectedVersion, in: db)
            let enrolment = try record.model()
            guard let updated = try Attendance.record(attended, on: enrolment, of: workshop, now: now) else { return enrolment }
            try EnrolmentRecord(updated, seq: record.seq).update(db)
            for type in Attendance.notifications(after: updated, in: workshop) { try notify(type, updated, now: now, in: db) }
            return updated
        }
    }

    public func workshop(ofEnrolment id: EnrolmentID) async throws -> WorkshopID? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT workshop_id FROM workshop_enrolment WHERE id = ?", arguments: [id.rawValue]).map(WorkshopID.init(unchecked:))
        }
    }

    public func findEnrolment(_ id: EnrolmentID, of workshopID: WorkshopID) async throws -> Enrolment? {
        try await writer.read { db in
            guard let record = try Self.fetchEnrolment(id, of: workshopID, in: db) else { return nil }
            return try record.model(waitlistPosition: try Self.waitlistPositions(of: workshopID, in: db)[EnrolmentID(unchecked: record.id)])
        }
    }

    public func enrolments(of workshopID: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment> {
        try await writer.read { db in
            _ = try Self.load(workshopID, in: db)
            let (records, next) = try Self.request(workshopID, filter).page(page, order: filter.order, in: db)
            let positions = try Self.waitlistPositions(of: workshopID, in: db)
            return Page(items: try records.map { try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)]) }, next: next)
        }
    }

    public func enrolments(for stakeholderID: StakeholderID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment> {
        try await writer.read { db in
            let (records, next) = try Self.request(nil, filter.of(stakeholderID)).page(page, order: filter.order, in: db)
            var positions: [EnrolmentID: Int] = [:]
            for workshop in Set(records.filter { $0.status == EnrolmentStatus.waitlisted.rawValue }.map(\.workshopId)) {
                positions.merge(try Self.waitlistPositions(of: WorkshopID(unchecked: workshop), in: db)) { first, _ in first }
            }
            return Page(items: try records.map { try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)]) }, next: next)
        }
    }

    public func allEnrolments(of workshopID: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>) async throws -> [Enrolment] {
        try await writer.read { db in
            _ = try Self.load(workshopID, in: db)
            let positions = try Self.waitlistPositions(of: workshopID, in: db)
            return try Self.request(workshopID, filter).order(Column("seq")).fetchAll(db).map {
                try $0.model(waitlistPosition: positions[EnrolmentID(unchecked: $0.id)])
            }
        }
    }

    // MARK: Helpers

    /// Promotes from the waiting list, as `Seating` says, while seats are free.
    private func promote(in workshop: Workshop, now: Date, db: Database) throws {
        let waiting = try Self.waitlisted(of: workshop.id, in: db)
        let before = Seating.positions(try waiting.map { try $0.model() })
        let sequence = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id, $0.seq) })
        let promoted = Seating.promotions(
            capacity: workshop.capacity, confirmed: try Self.seats(of: workshop.id, in: db).confirmed,
            waitlisted: try waiting.map { try $0.model() }, now: now)
        for enrolment in promoted {
            try EnrolmentRecord(enrolment, seq: sequence[enrolment.id.rawValue] ?? nil).update(db)
            try notify(.enrolmentPromoted, enrolment, now: now, in: db)
        }
        if !promoted.isEmpty { try tellMoves(on: workshop.id, since: before, .aheadPromoted, now: now, in: db) }
    }

    /// Tells each enrolment still waiting whose place changed since `before`, with its old place and why.
    private func tellMoves(on workshopID: WorkshopID, since before: [EnrolmentID: Int], _ move: Seating.Move, now: Date, in db: Database) throws {
        for moved in Seating.moved(before: before, after: try Self.waitlistPositions(of: workshopID, in: db)) {
            guard let record = try Self.fetchEnrolment(moved.id, of: workshopID, in: db) else { continue }
            let enrolment = try record.model(waitlistPosition: moved.to)
            try Outbox.enqueue(ChangeNotification(
                type: .enrolmentWaitlistMoved, data: renderer.render(enrolment), concerns: [enrolment.stakeholderID],
                previous: PreviousState(waitlistPosition: moved.from), reason: move.reason), now: now, in: db)
        }
    }

    /// A completed workshop asks each of its attendees for feedback.
    private func askForFeedback(on workshop: Workshop, now: Date, in db: Database) throws {
        for record in try EnrolmentRecord.filter(Column("workshop_id") == workshop.id.rawValue).order(Column("seq")).fetchAll(db) {
            let enrolment = try record.model()
            if Attendance.askedOnCompletion(enrolment) { try notify(.feedbackRequested, enrolment, now: now, in: db) }
        }
    }

    /// A cancelled workshop holds no seats and no waiting list; each enrolled stakeholder is told.
    /// Cancels the enrolments the workshop's move closes, each with the reason, telling each holder.
    private func cancelOpenEnrolments(of workshop: Workshop, now: Date, in db: Database) throws {
        let statuses = Seating.closedBy(workshop.status)
        guard !statuses.isEmpty else { return }
        for record in try EnrolmentRecord.filter(Column("workshop_id") == workshop.id.rawValue && statuses.map(\.rawValue).contains(Column("status"))).fetchAll(db) {
            var enrolment = try record.model()
            enrolment.statusReason = Seating.closingReason(enrolment.status, workshopStatus: workshop.status, reason: workshop.statusReason)
            enrolment.status = .cancelled
            enrolment.updatedAt = now
            enrolment.version += 1
            try EnrolmentRecord(enrolment, seq: record.seq).update(db)
            try notify(.enrolmentCancelled, enrolment, now: now, in: db)
        }
    }

    private func notify(
        _ type: NotificationType, _ workshop: Workshop, concerns: [StakeholderID], previous: PreviousState? = nil,
        affected: [StakeholderID: [AffectedItem]] = [:], now: Date, in db: Database
    ) throws {
        let summary = WorkshopSummary(workshop: workshop, seats: try Self.seats(of: workshop.id, in: db))
        var notification = ChangeNotification(type: type, data: renderer.render(summary), concerns: concerns, previous: previous)
        notification.affected = affected
        try Outbox.enqueue(notification, now: now, in: db)
    }

    private func notify(_ type: NotificationType, _ enrolment: Enrolment, now: Date, in db: Database) throws {
        try Outbox.enqueue(ChangeNotification(type: type, data: renderer.render(enrolment), concerns: [enrolment.stakeholderID]), now: now, in: db)
    }

    private static func fetch(_ id: WorkshopID, in db: Database) throws -> WorkshopRecord? {
        try WorkshopRecord.filter(Column("id") == id.rawValue).fetchOne(db)
    }

    private static func load(_ id: WorkshopID, expecting version: Int? = nil, in db: Database) throws -> (WorkshopRecord, Workshop) {
        guard let record = try fetch(id, in: db) else { throw DomainError.notFound(resource: "workshop", id: id.rawValue) }
        let workshop = try record.model()
        if let version, version != workshop.version { throw DomainError.preconditionFailed }
        return (record, workshop)
    }

    private static func fetchEnrolment(_ id: EnrolmentID, of workshop: WorkshopID, in db: Database) throws -> EnrolmentRecord? {
        try EnrolmentRecord.filter(Column("id") == id.rawValue && Column("workshop_id") == workshop.rawValue).fetchOne(db)
    }

    private static func loadEnrolment(_ id: EnrolmentID, of workshop: WorkshopID, expecting version: Int?, in db: Database) throws -> EnrolmentRecord {
        guard let record = try fetchEnrolment(id, of: workshop, in: db) else { throw DomainError.notFound(resource: "enrolment", id: id.rawValue) }
        if let version, version != record.version { throw DomainError.preconditionFailed }
        return record
    }

    static func seats(of id: WorkshopID, in db: Database) throws -> SeatCounts {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed, count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted
            FROM workshop_enrolment WHERE workshop_id = ?
            """, arguments: [id.rawValue])
        return SeatCounts(confirmed: row?["confirmed"] ?? 0, waitlisted: row?["waitlisted"] ?? 0)
    }

    /// The waiting list in order of enrolment.
    private static func waitlisted(of id: WorkshopID, in db: Database) throws -> [EnrolmentRecord] {
        try EnrolmentRecord.filter(Column("workshop_id") == id.rawValue && Column("status") == EnrolmentStatus.waitlisted.rawValue)
            .order(Column("seq")).fetchAll(db)
    }

    /// Waiting-list positions by enrolment, as `Seating` orders the list.
    private static func waitlistPositions(of id: WorkshopID, in db: Database) throws -> [EnrolmentID: Int] {
        Seating.positions(try waitlisted(of: id, in: db).map { try $0.model() })
    }

    /// The open enrolments of a workshop, with the organisation that holds each.
    private static func heldEnrolments(of id: WorkshopID, in db: Database) throws -> [HeldItem] {
        try Row.fetchAll(db, sql: """
            SELECT stakeholder_id, id, status FROM workshop_enrolment WHERE workshop_id = ? AND status IN ('confirmed', 'waitlisted') ORDER BY seq
            """, arguments: [id.rawValue]).map { row in
            HeldItem(holder: StakeholderID(unchecked: row["stakeholder_id"]), kind: .workshopEnrolment, id: row["id"], status: row["status"])
        }
    }

    private static func enrolledStakeholders(of id: WorkshopID, in db: Database) throws -> [StakeholderID] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT stakeholder_id FROM workshop_enrolment WHERE workshop_id = ? AND status IN ('confirmed', 'waitlisted') ORDER BY 1
            """, arguments: [id.rawValue]).map(StakeholderID.init(unchecked:))
    }

    /// The enrolments of a workshop (or of every workshop) matching the filter.
    private static func request(_ id: WorkshopID?, _ filter: ParticipationFilter<EnrolmentStatus>) -> QueryInterfaceRequest<EnrolmentRecord> {
        var request = EnrolmentRecord.all()
        if let id { request = request.filter(Column("workshop_id") == id.rawValue) }
        if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column("status"))) }
        if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
        if let stakeholder = filter.stakeholderID { request = request.filter(Column("stakeholder_id") == stakeholder.rawValue) }
        return request
    }
}
