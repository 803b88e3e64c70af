import EngageCore
import EngageDomain
import Foundation
import PostgresKit

/// Rate-limit buckets shared by every instance on the database: one row per caller in an UNLOGGED
/// table (a crash may forget them, which only refills everyone's budget), taken from with one
/// atomic upsert, on the database's clock so instances with skewed clocks agree.
struct PostgresRateLimitStore: RateLimitStore {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func take(_ key: String, quota: RateLimits.Quota) async throws -> TokenBucket.Decision {
        let rate = Double(quota.limit) / Double(quota.window)
        let row = try await database.read { db in
            // The refilled level of the bucket: its tokens plus what the time since its last use brought back.
            let refilled: SQLQueryString = """
                least(\(bind: Double(quota.limit)), b.tokens + extract(epoch FROM clock_timestamp() - b.updated_at) * \(bind: rate))
                """
            return try await db.raw("""
                INSERT INTO rate_limit_bucket AS b (key, tokens, allowed, updated_at)
                VALUES (\(bind: key), \(bind: Double(quota.limit - 1)), true, clock_timestamp())
                ON CONFLICT (key) DO UPDATE SET
                    tokens = CASE WHEN \(refilled) >= 1 THEN \(refilled) - 1 ELSE \(refilled) END,
                    allowed = \(refilled) >= 1,
                    updated_at = clock_timestamp()
                RETURNING tokens, allowed
                """).first()
        }
        if Int.random(in: 0..<5_000) == 0 { try? await sweep() }
        guard let row else { return TokenBucket.Decision(allowed: true, remaining: quota.limit - 1, reset: 0) }
        return TokenBucket.decision(
            allowed: try row.decode(column: "allowed", as: Bool.self), tokens: try row.decode(column: "tokens", as: Double.self), quota: quota)
    }

    func peek(_ key: String, quota: RateLimits.Quota) async throws -> TokenBucket.Decision {
        let rate = Double(quota.limit) / Double(quota.window)
        let row = try await database.read { db in
            try await db.raw("""
                SELECT least(\(bind: Double(quota.limit)), tokens + extract(epoch FROM clock_timestamp() - updated_at) * \(bind: rate)) AS tokens
                FROM rate_limit_bucket WHERE key = \(bind: key)
                """).first()
        }
        let tokens = try row?.decode(column: "tokens", as: Double.self) ?? Double(quota.limit)
        return TokenBucket.decision(allowed: tokens >= 1, tokens: tokens, quota: quota)
    }

    /// Forgets buckets idle longer than the longest window: they are full again.
    private func sweep() async throws {
        try await database.read { db in
            try await db.raw("DELETE FROM rate_limit_bucket WHERE updated_at < clock_timestamp() - interval '2 hours'").run()
        }
    }
}
