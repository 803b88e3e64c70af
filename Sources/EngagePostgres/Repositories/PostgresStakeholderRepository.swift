import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `StakeholderRepository`.
///
/// Every change locks the stakeholder row (`FOR NO KEY UPDATE`) before reading it, and the networks a
/// stakeholder joins `FOR SHARE`, so a network cannot stop being one while a member joins it.
struct PostgresStakeholderRepository: StakeholderRepository {
    let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the notification payloads, in the same transaction as each change.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Writes

    func register(_ input: StakeholderInput, accessTokenHash: String, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            let id = StakeholderID.generate()
            let memberOf = input.memberOf ?? []
            try await Self.validateNetworks(memberOf, of: id, in: db)
            var stakeholder = input.registration(id: id, memberOf: memberOf, now: now)
            let candidates = try await db.raw("""
                SELECT id, name, country, contact_email FROM stakeholder
                WHERE country = \(bind: stakeholder.country) OR lower(contact_email) = lower(\(bind: stakeholder.contact.email))
                """).all().map {
                DuplicateCheck.Candidate(
                    id: StakeholderID(unchecked: try $0.decode(column: "id", as: String.self)), name: try $0.decode(column: "name", as: String.self),
                    country: try $0.decode(column: "country", as: String.self), contactEmail: try $0.decode(column: "contact_email", as: String.self))
            }
            stakeholder.possibleDuplicateOf = DuplicateCheck.duplicates(
                name: stakeholder.name, country: stakeholder.country, contactEmail: stakeholder.contact.email, among: candidates)
            try await StakeholderRecord(stakeholder, seq: nil, accessTokenHash: accessTokenHash).insert(in: db)
            try await Self.saveLinks(of: stakeholder, in: db)
            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .registered, fromStatus: nil, toStatus: .pending, reason: nil, actor: actor, at: now
            )).insert(in: db)
            stakeholder.memberOf = memberOf
            try await notify(.stakeholderRegistered, stakeholder, now: now, in: db)
            return stakeholder
        }
    }

    func update(_ id: StakeholderID, with input: StakeholderInput, bySelf: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, in: db)
            try await Self.check(input, of: current, in: db)
            let plan = ProfileReview.plan(input, for: current, bySelf: bySelf, actor: actor, now: now)
            var updated = current
            plan.apply.apply(to: &updated)
            updated.pendingChange = plan.pending
            let changed = updated.changedFields(comparedTo: current)
            guard !changed.isEmpty || !plan.proposed.isEmpty || updated.pendingChange != current.pendingChange else { return current }
            updated.updatedAt = now
            updated.version += 1
            try await StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(in: db)
            if !changed.isEmpty {
                try await Self.saveLinks(of: updated, in: db)
                try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                    stakeholderID: id, action: .updated, fromStatus: nil, toStatus: nil, reason: nil,
                    changedFields: changed, actor: actor, at: now
                )).insert(in: db)
                try await notify(.stakeholderUpdated, updated, now: now, in: db)
            }
            if !plan.proposed.isEmpty {
                try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                    stakeholderID: id, action: .changesProposed, fromStatus: nil, toStatus: nil, reason: nil,
                    changedFields: plan.proposed, actor: actor, at: now
                )).insert(in: db)
            }
            return updated
        }
    }

    func settlePendingChange(_ id: StakeholderID, approve: Bool, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, in: db)
            guard let pending = current.pendingChange else {
                throw DomainError.conflict("\(id) has no pending changes to review")
            }
            var updated = current
            updated.pendingChange = nil
            var changed: [String] = []
            if approve {
                let patch = try pending.patch()
                try await Self.check(patch, of: current, in: db)
                patch.apply(to: &updated)
                changed = updated.changedFields(comparedTo: current)
            }
            updated.updatedAt = now
            updated.version += 1
            try await StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(in: db)
            if !changed.isEmpty { try await Self.saveLinks(of: updated, in: db) }
            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: approve ? .changesApproved : .changesRejected, fromStatus: nil, toStatus: nil,
                reason: reason, changedFields: approve ? changed : pending.fieldNames, actor: actor, at: now
            )).insert(in: db)
            try await notify(.stakeholderUpdated, updated, now: now, in: db)
            return updated
        }
    }

    func decide(_ id: StakeholderID, _ decision: StakeholderStatus.Decision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, in: db)
            guard current.status.allows(decision) else {
                throw DomainError.conflict("a \(current.status.rawValue) registration cannot be \(decision.target.rawValue)")
            }
            var updated = current
            updated.status = decision.target
            updated.statusReason = reason
            updated.updatedAt = now
            updated.version += 1
            try await StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(in: db)
            let action: StakeholderHistoryEntry.Action = switch decision {
            case .approve: .approved
            case .reject: .rejected
            case .suspend: .suspended
            }
            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: action, fromStatus: current.status, toStatus: updated.status,
                reason: reason, actor: actor, at: now
            )).insert(in: db)
            let type: NotificationType = switch decision {
            case .approve: .stakeholderApproved
            case .reject: .stakeholderRejected
            case .suspend: .stakeholderSuspended
            }
            try await notify(type, updated, now: now, in: db)
            return updated
        }
    }

    func resubmit(_ id: StakeholderID, with input: StakeholderInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            let (record, current) = try await Self.load(id, expecting: expectedVersion, in: db)
            let (updated, changed) = try ProfileReview.resubmission(of: current, with: input, now: now)
            try await Self.check(input, of: current, in: db)
            try await StakeholderRecord(updated, seq: record.seq, accessTokenHash: record.accessTokenHash).update(in: db)
            if !changed.isEmpty { try await Self.saveLinks(of: updated, in: db) }
            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .resubmitted, fromStatus: current.status, toStatus: .pending, reason: nil,
                changedFields: changed, actor: actor, at: now
            )).insert(in: db)
            try await notify(.stakeholderResubmitted, updated, now: now, in: db)
            return updated
        }
    }

    func replaceAccessToken(of id: StakeholderID, hash: String, actor: String, now: Date) async throws {
        try await database.write { db in
            var (record, stakeholder) = try await Self.load(id, expecting: nil, in: db)
            record.accessTokenHash = hash
            try await record.update(in: db)
            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .accessTokenReissued, fromStatus: nil, toStatus: nil, reason: nil, actor: actor, at: now
            )).insert(in: db)
            // A security message: it reaches the contact whatever its preferences say.
            try await notify(.accessTokenIssued, stakeholder, now: now, in: db)
        }
    }

    // MARK: Reads

    func find(_ id: StakeholderID) async throws -> Stakeholder? {
        try await database.reading { reader in
            try await PostgresStakeholderQuery.find(id, with: reader)
        }
    }

    func find(_ ids: [StakeholderID]) async throws -> [Stakeholder] {
        try await database.read { db in
            let records = try await StakeholderRecord.fetchAll("SELECT * FROM stakeholder WHERE id = ANY(\(bind: ids.map(\.rawValue)))", in: db)
            return try await PostgresStakeholderQuery.models(for: records, in: db)
        }
    }

    func list(_ filter: StakeholderFilter, page: PageRequest) async throws -> Page<Stakeholder> {
        try await database.reading { reader in
            let rows = try await PostgresStakeholderQuery(filter: filter, after: page.after, limit: page.limit + 1).fetch(reader)
            let visible = Array(rows.prefix(page.limit))
            let next = rows.count > page.limit ? visible.last?.cursor : nil
            return Page(items: visible.map(\.stakeholder), next: next)
        }
    }

    func all(_ filter: StakeholderFilter) async throws -> [Stakeholder] {
        try await database.reading { reader in
            try await PostgresStakeholderQuery(filter: filter, after: nil, limit: nil).fetch(reader).map(\.stakeholder)
        }
    }

    func history(of id: StakeholderID, page: PageRequest) async throws -> Page<StakeholderHistoryEntry> {
        try await database.read { db in
            guard try await StakeholderRecord.find(id.rawValue, in: db) != nil else {
                throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
            }
            let (records, next) = try await StakeholderHistoryRecord.page(where: "stakeholder_id = \(bind: id.rawValue)", page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func authenticate(accessTokenHash: String) async throws -> StakeholderID? {
        try await database.read { db in
            let row = try await db.raw("SELECT id FROM stakeholder WHERE access_token_hash = \(bind: accessTokenHash)").first()
            return try row.map { StakeholderID(unchecked: try $0.decode(column: "id", as: String.self)) }
        }
    }

    // MARK: Helpers

    /// Queues a notification about `stakeholder` (which concerns it) in the current transaction.
    func notify(_ type: NotificationType, _ stakeholder: Stakeholder, previous: PreviousState? = nil, now: Date, in db: any SQLDatabase) async throws {
        try await PostgresOutbox.enqueue(ChangeNotification(type: type, data: renderer.render(stakeholder), concerns: [stakeholder.id], previous: previous),
                                         now: now, in: db)
    }

    /// The stakeholder, locked `FOR NO KEY UPDATE` until the transaction ends, then read with its links.
    static func load(_ id: StakeholderID, expecting version: Int?, in db: any SQLDatabase) async throws -> (StakeholderRecord, Stakeholder) {
        guard let record = try await StakeholderRecord.find(id.rawValue, lock: true, in: db),
              let model = try await PostgresStakeholderQuery.models(for: [record], in: db).first else {
            throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
        }
        if let version, version != model.version {
            throw DomainError.preconditionFailed
        }
        return (record, model)
    }

    /// The networks a patch names exist, and a network with members stays one. Members join under a share
    /// lock on the network, which this row's lock excludes: the count is final.
    private static func check(_ input: StakeholderInput, of current: Stakeholder, in db: any SQLDatabase) async throws {
        if let memberOf = input.memberOf { try await validateNetworks(memberOf, of: current.id, in: db) }
        if let kind = input.kind, kind != .network, current.kind == .network, try await hasMembers(current.id, in: db) {
            throw DomainError.conflict("\(current.id) is a network with members; remove its members before changing its kind")
        }
    }

    /// Members may only join existing networks other than themselves. Each network is read
    /// `FOR SHARE`, so its kind cannot change (nor its members be counted) until this transaction ends.
    private static func validateNetworks(_ networks: [StakeholderID], of id: StakeholderID, in db: any SQLDatabase) async throws {
        var errors: [FieldError] = []
        for (index, network) in networks.enumerated() {
            let field = "member_of[\(index)]"
            if network == id {
                errors.append(FieldError(field: field, message: "a stakeholder cannot be a member of itself"))
            } else if let kind = try await db.raw("SELECT kind FROM stakeholder WHERE id = \(bind: network.rawValue) FOR SHARE").first()?
                .decode(column: "kind", as: String.self) {
                if kind != StakeholderKind.network.rawValue {
                    errors.append(FieldError(field: field, message: "\(network) is not a network"))
                }
            } else {
                errors.append(FieldError(field: field, message: "no stakeholder \(network)"))
            }
        }
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    private static func hasMembers(_ id: StakeholderID, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT EXISTS (SELECT 1 FROM stakeholder_membership WHERE network_id = \(bind: id.rawValue)) AS found").first()?
            .decode(column: "found", as: Bool.self) ?? false
    }

    /// Replaces the stakeholder's topic and membership rows with those of the model.
    private static func saveLinks(of stakeholder: Stakeholder, in db: any SQLDatabase) async throws {
        let id = stakeholder.id.rawValue
        try await db.raw("DELETE FROM stakeholder_topic WHERE stakeholder_id = \(bind: id)").run()
        for topic in stakeholder.topics {
            try await db.raw("INSERT INTO stakeholder_topic (stakeholder_id, topic) VALUES (\(bind: id), \(bind: topic.rawValue))").run()
        }
        try await db.raw("DELETE FROM stakeholder_membership WHERE member_id = \(bind: id)").run()
        for (position, network) in stakeholder.memberOf.enumerated() {
            try await db.raw("""
                INSERT INTO stakeholder_membership (member_id, network_id, position) VALUES (\(bind: id), \(bind: network.rawValue), \(bind: position))
                """).run()
        }
    }
}
