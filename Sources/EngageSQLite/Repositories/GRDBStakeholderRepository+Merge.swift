import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// Merging duplicate records on SQLite: one write transaction (SQLite has one writer at a time).
extension GRDBStakeholderRepository {
    public func merge(_ id: StakeholderID, into survivorID: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try StakeholderMerge.checkTarget(id, into: survivorID)
        return try await writer.write { db in
            let (_, merged) = try Self.load(id, expecting: expectedVersion, in: db)
            let (_, before) = try StakeholderMerge.requireSurvivor(survivorID) { try Self.load(survivorID, expecting: nil, in: db) }
            let binds = StakeholderMerge.binds(merged, into: survivorID, actor: actor, now: now)
            let conflicts = try Self.run(StakeholderMergeSQL.conflicts, binds, in: db).map { EventID(unchecked: $0["event_id"]) }
            try StakeholderMerge.checkConflicts(conflicts, merged: id, survivor: survivorID)
            try StakeholderMerge.checkMembers(try Self.run(StakeholderMergeSQL.members, binds, in: db).first?["members"] ?? 0, survivor: before)
            for statement in StakeholderMergeSQL.statements { try Self.execute(statement, binds, in: db) }
            try Self.execute(StakeholderMergeSQL.record, binds, in: db)
            // Read again: the memberships it took over are part of what it is now.
            let (survivorRecord, survivor) = try Self.load(survivorID, expecting: nil, in: db)
            let updated = StakeholderMerge.survivor(survivor, absorbing: merged, now: now)
            try StakeholderRecord(updated, seq: survivorRecord.seq, accessTokenHash: survivorRecord.accessTokenHash).update(db)
            try StakeholderHistoryRecord(StakeholderMerge.entry(updated, absorbing: merged, actor: actor, now: now)).insert(db)
            try notify(.stakeholderMerged, updated, previous: PreviousState(merged: merged), now: now, in: db)
            return updated
        }
    }

    public func survivor(of merged: StakeholderID) async throws -> (id: StakeholderID, wasPublic: Bool)? {
        try await writer.read { db in
            try Self.run(StakeholderMergeSQL.survivor, ["merged": merged.rawValue], in: db).first.map {
                (StakeholderID(unchecked: $0["survivor_id"]), $0["merged_status"] == StakeholderStatus.approved.rawValue)
            }
        }
    }

    // MARK: Statements

    private static func run(_ sql: String, _ binds: [String: String], in db: Database) throws -> [Row] {
        let (text, arguments) = SQLiteFragments.join(SQLFragment.binding(sql, binds))
        return try Row.fetchAll(db, sql: text, arguments: arguments)
    }

    private static func execute(_ sql: String, _ binds: [String: String], in db: Database) throws {
        let (text, arguments) = SQLiteFragments.join(SQLFragment.binding(sql, binds))
        try db.execute(sql: text, arguments: arguments)
    }
}
