import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The embedded SQLite database: connection setup and schema migrations.
///
/// Files are opened as a `DatabasePool` (WAL: concurrent readers, one writer);
/// tests use an in-memory `DatabaseQueue`.
public struct AppDatabase: Sendable {
    /// The repositories' access: reads from the pool, writes with group commit.
    public let writer: GroupCommitWriter

    /// Wraps an open connection and runs every pending migration.
    public init(_ connection: any DatabaseWriter) throws {
        try self.init(connection, lanes: nil)
    }

    private init(_ connection: any DatabaseWriter, lanes: ReadLanes?) throws {
        try Migrations.migrator.migrate(connection)
        writer = GroupCommitWriter(connection, lanes: lanes)
    }

    /// Opens (creating if needed) the database file at `path`, creating its folder.
    public static func open(path: String) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: configuration())
        // GRDB turns the writer to `synchronous = NORMAL` when it sets up WAL, after `prepareDatabase`:
        // set FULL again, on the one connection that writes (`ConnectionSettingsTests`).
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
        }
        // temp_store stays FILE (the default): see `docs/decisions.md`, under Storage, for why not MEMORY.
        return try AppDatabase(pool, lanes: ReadLanes(path: path, configuration: configuration()))
    }

    /// A fresh in-memory database, migrated: for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    /// Whether the database answers a trivial query.
    public func isReachable() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// The names of the migrations applied so far, in the order they were applied.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in
            let migrator = Migrations.migrator
            let applied = try migrator.appliedIdentifiers(db)
            return migrator.migrations.filter(applied.contains)  // in the order they are applied
        }
    }

    /// Writes a consistent online copy of the database to `path` with SQLite's backup API.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }

    /// Rewrites the file so no page keeps erased bytes: merges the full-text indexes (whose old segments
    /// still hold the words of deleted rows), VACUUMs, and truncates the WAL. Costs one pass over the file.
    public func compact() async throws {
        try await writer.barrierWriteWithoutTransaction { db in
            for index in ["stakeholder_fts", "resource_fts", "event_fts"] where try db.tableExists(index) {
                try db.execute(sql: "INSERT INTO \(index)(\(index)) VALUES ('optimize')")
            }
            try db.execute(sql: "VACUUM")
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" {
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    // MARK: Configuration

    /// The WAL's length, in pages, at which a commit also copies the WAL into the database file.
    static let checkpointPages = 4_000

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // Every acknowledged write survives a power cut, not only a crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted and overwritten content is zeroed on disk, not left in free pages: erased personal data is gone.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }
}
