import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `StakeholderRepository`.
public struct GRDBStakeholderRepository: StakeholderRepository {
    let writer: GroupCommitWriter
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        writer = database.writer
        self.renderer = renderer
    }

    // MARK: Writes

    public func register(_ input: StakeholderInput, accessTokenHash: String, actor: String, now: Date) async throws -> Stakeholder {
        try await writer.write { db in
            let id = StakeholderID.generate()
            let memberOf = input.memberOf ?? []
            try Self.validateNetworks(memberOf, of: id, in: db)
            var stakeholder = input.registration(id: id, memberOf: memberOf, now: now)
            let candidates = try Row.fetchAll(db, sql: """
                SELECT id, name, country, contact_email FROM stakeholder WHERE country = ? OR lower(contact_email) = lower(?)
                """, arguments: [stakeholder.country, stakeholder.contact.email]).map {
                DuplicateCheck.Candidate(id: StakeholderID(unchecked: $0["id"]), name: $0["name"], country: $0["country"], contactEmail: $0["contact_email"])
            }
            stakeholder.possibleDuplicateOf = DuplicateCheck.duplicates(
                name: stakeholder.name, country: stakeholder.country, contactEmail: stakeholder.contact.email, among: candidates)
            try StakeholderRecord(stakeholder, seq: nil, accessTokenHash: accessTokenHash).insert(db)
            try Self.saveLinks(of: stakeholder, in: db)
            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .registered, fromStatus: nil, toStatus: .pending, reason: nil, actor: actor, at: now
            )).insert(db)
            stakeholder.memberOf = memberOf
            try notify(.stakeholderRegistered, stakeholder, now: now, in: db)
            return stakeholder
        }
    }

    public func update(_ id: StakeholderID, with input: StakeholderInput, bySelf: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            try Self.check(input, of: current, in: db)
            let plan = ProfileReview.plan(input, for: current, bySelf: bySelf, actor: actor, now: now)
            var updated = current
            plan.apply.apply(to: &updated)
            updated.pendingChange = plan.pending
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty || !plan.proposed.isEmpty || updated.pendingChange != current.pendingChange else { return current }
            updated.updatedAt = now
            updated.version += 1
            try StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(db)
            if !changed.isEmpty {
                try Self.saveLinks(of: updated, in: db)
                try StakeholderHistoryRecord(StakeholderHistoryEntry(
                    stakeholderID: id, action: .updated, fromStatus: nil, toStatus: nil, reason: nil,
                    changedFields: changed, actor: actor, at: now
                )).insert(db)
                try notify(.stakeholderUpdated, updated, now: now, in: db)
            }
            if !plan.proposed.isEmpty {
                try StakeholderHistoryRecord(StakeholderHistoryEntry(
                    stakeholderID: id, action: .changesProposed, fromStatus: nil, toStatus: nil, reason: nil,
                    changedFields: plan.proposed, actor: actor, at: now
                )).insert(db)
            }
            return updated
        }
    }

    public func settlePendingChange(_ id: StakeholderID, approve: Bool, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            guard let pending = current.pendingChange else {
                throw DomainError.conflict("\(id) has no pending changes to review")
            }
            var updated = current
            updated.pendingChange = nil
            var changed: [String] = []
            if approve {
                let patch = try pending.patch()
                try Self.check(patch, of: current, in: db)
                patch.apply(to: &updated)
                changed = updated.changedFields(comparedTo: current)
            }
            updated.updatedAt = now
            updated.version += 1
            try StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(db)
            if !changed.isEmpty { try Self.saveLinks(of: updated, in: db) }
            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: approve ? .changesApproved : .changesRejected, fromStatus: nil, toStatus: nil,
                reason: reason, changedFields: approve ? changed : pending.fieldNames, actor: actor, at: now
            )).insert(db)
            try notify(.stakeholderUpdated, updated, now: now, in: db)
            return updated
        }
    }

    public func decide(_ id: StakeholderID, _ decision: StakeholderStatus.Decision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            guard current.status.allows(decision) else {
                throw DomainError.conflict("a \(current.status.rawValue) registration cannot be \(decision.target.rawValue)")
            }
            var updated = current
            updated.status = decision.target
            updated.statusReason = reason
            updated.updatedAt = now
            updated.version += 1
            try StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(db)
            let action: StakeholderHistoryEntry.Action = switch decision {
            case .approve: .approved
            case .reject: .rejected
            case .suspend: .suspended
            }
            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: action, fromStatus: current.status, toStatus: updated.status,
                reason: reason, actor: actor, at: now
            )).insert(db)
            let type: NotificationType = switch decision {
            case .approve: .stakeholderApproved
            case .reject: .stakeholderRejected
            case .suspend: .stakeholderSuspended
            }
            try notify(type, updated, now: now, in: db)
            return updated
        }
    }

    public func resubmit(_ id: StakeholderID, with input: StakeholderInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await writer.write { db in
            let (record, current) = try Self.load(id, expecting: expectedVersion, in: db)
            let (updated, changed) = try ProfileReview.resubmission(of: current, with: input, now: now)
            try Self.check(input, of: current, in: db)
            try StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(db)
            if !changed.isEmpty { try Self.saveLinks(of: updated, in: db) }
            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .resubmitted, fromStatus: current.status, toStatus: .pending, reason: nil,
                changedFields: changed, actor: actor, at: now
            )).insert(db)
            try notify(.stakeholderResubmitted, updated, now: now, in: db)
            return updated
        }
    }

    public func replaceAccessToken(of id: StakeholderID, hash: String, actor: String, now: Date) async throws {
        try await writer.write { db in
            var (record, stakeholder) = try Self.load(id, expecting: nil, in: db)
            record.accessTokenHash = hash
            try record.update(db)
            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .accessTokenReissued, fromStatus: nil, toStatus: nil, reason: nil, actor: actor, at: now
            )).insert(db)
            // A security message: it reaches the contact whatever its preferences say.
            try notify(.accessTokenIssued, stakeholder, now: now, in: db)
        }
    }

    // MARK: Reads

    public func find(_ id: StakeholderID) async throws -> Stakeholder? {
        try await writer.readStatement { db in
            try Row.decodeAll(db.cachedStatement(sql: Self.findSQL), arguments: [id.rawValue]) { row in
                try StakeholderLinks(row: row).model(StakeholderRecord(row: row))
            }.first
        }
    }

    /// One stakeholder with its links: the hottest read, so its statement is prepared once per connection.
    private static let findSQL = "SELECT s.*, \(StakeholderLinks.columns("s")) FROM stakeholder s WHERE s.id = ?"

    public func list(_ filter: StakeholderFilter, page: PageRequest) async throws -> Page<Stakeholder> {
        try await writer.read { db in
            let rows = try StakeholderQuery(filter: filter, after: page.after, limit: page.limit + 1).fetch(db)
            let visible = Array(rows.prefix(page.limit))
            let next = rows.count > page.limit ? visible.last?.cursor : nil
            return Page(items: try Self.models(for: visible.map(\.record), in: db), next: next)
        }
    }

    public func find(_ ids: [StakeholderID]) async throws -> [Stakeholder] {
        try await writer.read { db in
            let records = try StakeholderRecord.fetchAll(
                db, sql: "SELECT * FROM stakeholder WHERE id IN (SELECT value FROM json_each(?))", arguments: [JSONText.encode(ids.map(\.rawValue))])
            return try Self.models(for: records, in: db)
        }
    }

    public func all(_ filter: StakeholderFilter) async throws -> [Stakeholder] {
        try await writer.read { db in
            let rows = try StakeholderQuery(filter: filter, after: nil, limit: nil).fetch(db)
            return try Self.models(for: rows.map(\.record), in: db)
        }
    }

    public func history(of id: StakeholderID, page: PageRequest) async throws -> Page<StakeholderHistoryEntry> {
        try await writer.read { db in
            guard try StakeholderRecord.filter(Column("id") == id.rawValue).fetchCount(db) > 0 else {
                throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
            }
            let (records, next) = try StakeholderHistoryRecord.filter(Column("stakeholder_id") == id.rawValue).page(page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func authenticate(accessTokenHash: String) async throws -> StakeholderID? {
        try await writer.readStatement { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM stakeholder WHERE access_token_hash = ?"), arguments: [accessTokenHash])
                .map(StakeholderID.init(unchecked:))
        }
    }

    // MARK: Helpers

    /// Queues a notification about `stakeholder` (which concerns it) in the current transaction.
    func notify(_ type: NotificationType, _ stakeholder: Stakeholder, previous: PreviousState? = nil, now: Date, in db: Database) throws {
        try Outbox.enqueue(ChangeNotification(type: type, data: renderer.render(stakeholder), concerns: [stakeholder.id], previous: previous), now: now, in: db)
    }

    static func load(_ id: StakeholderID, expecting version: Int?, in db: Database) throws -> (StakeholderRecord, Stakeholder) {
        guard let record = try StakeholderRecord.filter(Column("id") == id.rawValue).fetchOne(db),
              let model = try models(for: [record], in: db).first else {
            throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
        }
        if let version, version != model.version {
            throw DomainError.preconditionFailed
        }
        return (record, model)
    }

    /// The networks a patch names exist, and a network with members stays one.
    private static func check(_ input: StakeholderInput, of current: Stakeholder, in db: Database) throws {
        if let memberOf = input.memberOf { try validateNetworks(memberOf, of: current.id, in: db) }
        if let kind = input.kind, kind != .network, current.kind == .network, try hasMembers(current.id, in: db) {
            throw DomainError.conflict("\(current.id) is a network with members; remove its members before changing its kind")
        }
    }

    /// Members may only join existing networks other than themselves.
    private static func validateNetworks(_ networks: [StakeholderID], of id: StakeholderID, in db: Database) throws {
        var errors: [FieldError] = []
        for (index, network) in networks.enumerated() {
            let field = "member_of[\(index)]"
            if network == id {
                errors.append(FieldError(field: field, message: "a stakeholder cannot be a member of itself"))
            } else if let kind = try String.fetchOne(db, sql: "SELECT kind FROM stakeholder WHERE id = ?", arguments: [network.rawValue]) {
                if kind != StakeholderKind.network.rawValue {
                    errors.append(FieldError(field: field, message: "\(network) is not a network"))
                }
            } else {
                errors.append(FieldError(field: field, message: "no stakeholder \(network)"))
            }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    private static func hasMembers(_ id: StakeholderID, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM stakeholder_membership WHERE network_id = ?)", arguments: [id.rawValue]) ?? false
    }

    private static func saveLinks(of stakeholder: Stakeholder, in db: Database) throws {
        let id = stakeholder.id.rawValue
        try db.execute(sql: "DELETE FROM stakeholder_topic WHERE stakeholder_id = ?", arguments: [id])
        for topic in stakeholder.topics {
            try db.execute(sql: "INSERT INTO stakeholder_topic (stakeholder_id, topic) VALUES (?, ?)", arguments: [id, topic.rawValue])
        }
        try db.execute(sql: "DELETE FROM stakeholder_membership WHERE member_id = ?", arguments: [id])
        for (position, network) in stakeholder.memberOf.enumerated() {
            try db.execute(
                sql: "INSERT INTO stakeholder_membership (member_id, network_id, position) VALUES (?, ?, ?)",
                arguments: [id, network.rawValue, position]
            )
        }
    }

    /// Domain models for records, loading their topics and networks in two batched queries (for a page,
    /// half the time of `StakeholderLinks`' correlated subqueries, which suit a single row).
    static func models(for records: [StakeholderRecord], in db: Database) throws -> [Stakeholder] {
        guard !records.isEmpty else { return [] }
        // The IDs as one JSON array: one cached statement for any number of rows.
        let ids: StatementArguments = [SQLList.jsonArray(records.map(\.id))]
        var topics: [String: [Topic]] = [:]
        let topicRows = try Row.decodeAll(
            db.cachedStatement(sql: "SELECT stakeholder_id, topic FROM stakeholder_topic WHERE stakeholder_id IN (SELECT value FROM json_each(?)) ORDER BY topic"),
            arguments: ids) { row in (stakeholder: row[0] as String, topic: Topic(rawValue: row[1])) }
        for row in topicRows {
            if let topic = row.topic { topics[row.stakeholder, default: []].append(topic) }
        }
        var networks: [String: [StakeholderID]] = [:]
        var approved: [String: [StakeholderID]] = [:]
        let memberships = try Row.decodeAll(db.cachedStatement(sql: """
            SELECT m.member_id, m.network_id, n.status FROM stakeholder_membership m
            JOIN stakeholder n ON n.id = m.network_id
            WHERE m.member_id IN (SELECT value FROM json_each(?)) ORDER BY m.position
            """), arguments: ids) { row in (member: row[0] as String, network: StakeholderID(unchecked: row[1]), status: row[2] as String) }
        for row in memberships {
            networks[row.member, default: []].append(row.network)
            if row.status == StakeholderStatus.approved.rawValue { approved[row.member, default: []].append(row.network) }
        }
        return try records.map {
            try $0.model(topics: topics[$0.id] ?? [], memberOf: networks[$0.id] ?? [], approvedNetworks: approved[$0.id] ?? [])
        }
    }
}
