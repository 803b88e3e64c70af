import EngageSQLite
import Foundation
import GRDB
import Testing

/// The settings every connection to a database file runs with, the writer's and the readers' alike:
/// what the durability, erasure and privacy promises in `docs/` rest on.
@Suite("SQLite connection settings")
struct ConnectionSettingsTests {
    @Test("writer, readers and read lanes: WAL, synchronous FULL, foreign keys, secure delete; temporary data in files")
    func settings() async throws {
        // Given a database file opened as the server opens it
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("engage-settings-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try AppDatabase.open(path: path)

        // When each kind of connection is asked for its settings
        let written = try await database.writer.write { db in try Self.settings(of: db) }
        let read = try await database.writer.read { db in try Self.settings(of: db) }
        let laneRead = try await database.writer.readStatement { db in try Self.settings(of: db) }

        // Then both hold every setting (synchronous 2 is FULL). Temporary data goes to files (temp_store 0,
        // the default): in memory, the savepoint journal of a large write grows without bound (a retention
        // pass over 11,376 registrations held 115 MB more; docs/decisions.md)
        let expected = ["journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "secure_delete": "1", "temp_store": "0"]
        #expect(written == expected)
        #expect(read == expected)
        #expect(laneRead == expected)

        // And the writer checkpoints at 4,000 WAL pages (docs/decisions.md, Storage)
        #expect(try await database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == 4_000)

        // And compacting (a VACUUM) leaves the writer as it was
        try await database.compact()
        #expect(try await database.writer.write { db in try Self.settings(of: db) } == expected)
    }

    private static func settings(of db: Database) throws -> [String: String] {
        let names = ["journal_mode", "synchronous", "foreign_keys", "secure_delete", "temp_store"]
        return try Dictionary(uniqueKeysWithValues: names.map { name in
            (name, try String.fetchOne(db, sql: "PRAGMA \(name)") ?? "")
        })
    }
}
