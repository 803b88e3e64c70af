import EngageCore
import Foundation
import GRDB

/// The SQLite implementation of `IdempotencyStore`.
public struct GRDBIdempotencyStore: IdempotencyStore {
    /// How long a key is remembered.
    public static let retention: TimeInterval = 24 * 60 * 60
    /// A claim this old whose request never completed (a crash mid-request) may be taken over.
    public static let abandonedAfter: TimeInterval = 60

    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    public func begin(caller: String, key: String, method: String, path: String, requestHash: String, now: Date) async throws -> IdempotencyOutcome {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM idempotency_key WHERE created_at < ?", arguments: [now.addingTimeInterval(-Self.retention)])
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM idempotency_key WHERE caller = ? AND key = ?", arguments: [caller, key]) {
                let storedHash: String = row["request_hash"]
                let storedMethod: String = row["method"]
                let storedPath: String = row["path"]
                guard storedHash == requestHash, storedMethod == method, storedPath == path else { return .mismatch }
                if let status: Int = row["status"] {
                    let headers = (row["headers"] as String?).flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
                    return .replay(StoredResponse(status: status, headers: headers, body: row["body"] ?? Data()))
                }
                let claimedAt: Date = row["created_at"]
                guard now.timeIntervalSince(claimedAt) > Self.abandonedAfter else { return .inProgress }
                try db.execute(sql: "UPDATE idempotency_key SET created_at = ? WHERE caller = ? AND key = ?", arguments: [now, caller, key])
                return .proceed
            }
            try db.execute(
                sql: "INSERT INTO idempotency_key (caller, key, method, path, request_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [caller, key, method, path, requestHash, now]
            )
            return .proceed
        }
    }

    public func complete(caller: String, key: String, response: StoredResponse) async throws {
        let headers = String(decoding: try JSONEncoder().encode(response.headers), as: UTF8.self)
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE idempotency_key SET status = ?, headers = ?, body = ? WHERE caller = ? AND key = ?",
                arguments: [response.status, headers, response.body, caller, key]
            )
        }
    }

    public func abandon(caller: String, key: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM idempotency_key WHERE caller = ? AND key = ? AND status IS NULL", arguments: [caller, key])
        }
    }
}
