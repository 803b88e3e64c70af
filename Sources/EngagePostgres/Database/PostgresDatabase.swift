import EngageDomain
import Foundation
import Logging
import PostgresKit
import PostgresNIO

/// A PostgreSQL database shared by several Engage instances: a connection pool, transactions
/// and the schema.
///
/// Every write runs in one transaction on one pooled connection. Read-then-write operations lock
/// what they read (`SELECT … FOR UPDATE`), so the same rules that rest on SQLite's single writer
/// hold here under concurrent writers; a transaction that still loses a race (a serialization
/// failure, a deadlock) is retried whole.
public struct PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Transactions retried this many times after a serialization failure or a deadlock.
    static let retries = 5

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    // MARK: Access

    /// Runs `body` on one pooled connection, each statement in its own transaction (reads).
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `body`'s reads in one read-only snapshot (`REPEATABLE READ`): several statements that must
    /// agree, such as totals and their groups, see the same commits.
    public func snapshot<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in one transaction, committed before this returns; rolled back if it throws.
    public func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction("BEGIN", body)
    }

    /// `begin`, `body` and COMMIT on one connection (ROLLBACK if `body` throws), run again when it lost a
    /// race (`isTransient`), at most `retries` times.
    private func transaction<T: Sendable>(_ begin: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await client.withConnection { connection in
                    let db = connection.sql(queryLogLevel: nil)
                    try await db.raw("\(unsafeRaw: begin)").run()
                    do {
                        let result = try await body(db)
                        try await db.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await db.raw("ROLLBACK").run()
                        throw error
                    }
                }
            } catch let error as PSQLError where Self.isTransient(error) && attempt < Self.retries {
                attempt += 1
            }
        }
    }

    /// Serialization failures and deadlocks: the transaction lost a race and may run again.
    static func isTransient(_ error: PSQLError) -> Bool {
        guard let code = error.serverInfo?[.sqlState] else { return false }
        return code == "40001" || code == "40P01"
    }

    /// Whether the database answers a trivial query.
    func isReachable() async -> Bool {
        (try? await read { db in try await db.raw("SELECT 1 AS one").first()?.decode(column: "one", as: Int.self) }) == 1
    }
}
