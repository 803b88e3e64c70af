import Foundation
import PostgresKit

/// Applies `PostgresMigrations` once each, in order, and remembers them in `engage_migration`.
///
/// Instances starting together on one database take an advisory lock first, so exactly one of
/// them migrates and the others find the work done.
enum PostgresMigrator {
    /// An arbitrary, fixed key for `pg_advisory_xact_lock`: "Engage" in ASCII.
    static let lockKey: Int = 0x456E_6761_6765

    /// Runs every pending migration; returns the names of those it applied.
    @discardableResult
    static func migrate(_ database: PostgresDatabase) async throws -> [String] {
        try await database.write { db in
            try await db.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS engage_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """).run()
            let done = Set(try await db.raw("SELECT name FROM engage_migration").all().map { try $0.decode(column: "name", as: String.self) })
            var applied: [String] = []
            for migration in PostgresMigrations.all where !done.contains(migration.name) {
                // The extended protocol takes one statement at a time; each ends with `;` at the end of its line.
                for statement in statements(of: migration.sql) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await PostgresMigrations.fills[migration.name]?(db)
                try await db.raw("INSERT INTO engage_migration (name) VALUES (\(bind: migration.name))").run()
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// The statements of a migration's SQL: each ends with `;` at the end of a line (and no `;` appears elsewhere).
    static func statements(of sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }

    /// The names of the migrations applied so far, in the order they were applied.
    static func applied(_ database: PostgresDatabase) async throws -> [String] {
        try await database.read { db in
            let exists = try await db.raw("SELECT to_regclass('engage_migration') IS NOT NULL AS present").first()?
                .decode(column: "present", as: Bool.self) ?? false
            guard exists else { return [] }
            // Those applied in one run share their transaction's time: within it, the list's order is theirs.
            let position = Dictionary(uniqueKeysWithValues: PostgresMigrations.all.enumerated().map { ($1.name, $0) })
            return try await db.raw("SELECT name, applied_at FROM engage_migration").all()
                .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "applied_at", as: Date.self)) }
                .sorted { ($0.1, position[$0.0] ?? .max) < ($1.1, position[$1.0] ?? .max) }
                .map(\.0)
        }
    }
}
