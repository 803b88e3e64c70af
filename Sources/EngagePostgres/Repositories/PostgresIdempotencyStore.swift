import EngageCore
import EngageDomain
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `IdempotencyStore`: the keys live in the shared database, so a
/// retry that reaches another instance replays the stored response.
struct PostgresIdempotencyStore: IdempotencyStore {
    /// How long a key is remembered.
    static let retention: TimeInterval = 24 * 60 * 60
    /// A claim this old whose request never completed (a crash mid-request) may be taken over.
    static let abandonedAfter: TimeInterval = 60

    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func begin(caller: String, key: String, method: String, path: String, requestHash: String, now: Date) async throws -> IdempotencyOutcome {
        try await database.write { db in
            try await db.raw("DELETE FROM idempotency_key WHERE created_at < \(bind: now.addingTimeInterval(-Self.retention))").run()
            // Claim the key, or find who holds it: the insert waits on a concurrent claim of the same key.
            let claimed = try await db.raw("""
                INSERT INTO idempotency_key (caller, key, method, path, request_hash, created_at)
                VALUES (\(bind: caller), \(bind: key), \(bind: method), \(bind: path), \(bind: requestHash), \(bind: now))
                ON CONFLICT (caller, key) DO NOTHING RETURNING 1 AS claimed
                """).first()
            if claimed != nil { return .proceed }
            guard let row = try await db.raw("SELECT * FROM idempotency_key WHERE caller = \(bind: caller) AND key = \(bind: key) FOR NO KEY UPDATE").first() else {
                return .inProgress  // released between the two statements: the client retries
            }
            guard try row.decode(column: "request_hash", as: String.self) == requestHash,
                  try row.decode(column: "method", as: String.self) == method,
                  try row.decode(column: "path", as: String.self) == path else { return .mismatch }
            if let status = try row.decode(column: "status", as: Int?.self) {
                let headers = try row.decode(column: "headers", as: String?.self)
                    .flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
                return .replay(StoredResponse(status: status, headers: headers, body: try row.decode(column: "body", as: Data?.self) ?? Data()))
            }
            let claimedAt = try row.decode(column: "created_at", as: Date.self)
            guard now.timeIntervalSince(claimedAt) > Self.abandonedAfter else { return .inProgress }
            try await db.raw("UPDATE idempotency_key SET created_at = \(bind: now) WHERE caller = \(bind: caller) AND key = \(bind: key)").run()
            return .proceed
        }
    }

    func complete(caller: String, key: String, response: StoredResponse) async throws {
        let headers = String(decoding: try JSONEncoder().encode(response.headers), as: UTF8.self)
        try await database.write { db in
            try await db.raw("""
                UPDATE idempotency_key SET status = \(bind: response.status), headers = \(bind: headers), body = \(bind: response.body)
                WHERE caller = \(bind: caller) AND key = \(bind: key)
                """).run()
        }
    }

    func abandon(caller: String, key: String) async throws {
        try await database.write { db in
            try await db.raw("DELETE FROM idempotency_key WHERE caller = \(bind: caller) AND key = \(bind: key) AND status IS NULL").run()
        }
    }
}
