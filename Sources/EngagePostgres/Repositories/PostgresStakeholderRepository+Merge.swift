import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// Merging duplicate records on PostgreSQL. Both rows are locked `FOR UPDATE` first, in ID order:
/// a registration or a membership that share-locks the duplicate waits, then finds it gone, so
/// nothing can be added to a record while it is merged away.
extension PostgresStakeholderRepository {
    func merge(_ id: StakeholderID, into survivorID: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try StakeholderMerge.checkTarget(id, into: survivorID)
        return try await database.write { db in
            try await db.raw("""
                SELECT id FROM stakeholder WHERE id IN (\(bind: id.rawValue), \(bind: survivorID.rawValue)) ORDER BY id FOR UPDATE
                """).run()
            let (_, merged) = try await Self.load(id, expecting: expectedVersion, in: db)
            let before: Stakeholder
            do {
                (_, before) = try await Self.load(survivorID, expecting: nil, in: db)
            } catch DomainError.notFound {
                throw StakeholderMerge.missingSurvivor(survivorID)
            }
            let binds = StakeholderMerge.binds(merged, into: survivorID, actor: actor, now: now)
            let conflicts = try await Self.run(StakeholderMergeSQL.conflicts, binds, in: db).map { EventID(unchecked: try $0.decode(column: "event_id", as: String.self)) }
            try StakeholderMerge.checkConflicts(conflicts, merged: id, survivor: survivorID)
            let members = try await Self.run(StakeholderMergeSQL.members, binds, in: db).first?.decode(column: "members", as: Int.self) ?? 0
            try StakeholderMerge.checkMembers(members, survivor: before)
            for statement in StakeholderMergeSQL.statements { _ = try await Self.run(statement, binds, in: db) }
            _ = try await Self.run(StakeholderMergeSQL.record, binds, in: db)
            // Read again: the memberships it took over are part of what it is now.
            let (survivorRecord, survivor) = try await Self.load(survivorID, expecting: nil, in: db)
            let updated = StakeholderMerge.survivor(survivor, absorbing: merged, now: now)
            try await StakeholderRecord(updated, seq: survivorRecord.seq, accessTokenHash: survivorRecord.accessTokenHash).update(in: db)
            try await StakeholderHistoryRecord(StakeholderMerge.entry(updated, absorbing: merged, actor: actor, now: now)).insert(in: db)
            try await notify(.stakeholderMerged, updated, previous: PreviousState(merged: merged), now: now, in: db)
            return updated
        }
    }

    func survivor(of merged: StakeholderID) async throws -> (id: StakeholderID, wasPublic: Bool)? {
        try await database.read { db in
            try await Self.run(StakeholderMergeSQL.survivor, ["merged": merged.rawValue], in: db).first.map {
                (StakeholderID(unchecked: try $0.decode(column: "survivor_id", as: String.self)),
                 try $0.decode(column: "merged_status", as: String.self) == StakeholderStatus.approved.rawValue)
            }
        }
    }

    private static func run(_ sql: String, _ binds: [String: String], in db: any SQLDatabase) async throws -> [any SQLRow] {
        try await db.raw(PostgresFragments.join(SQLFragment.binding(sql, binds))).all()
    }
}
