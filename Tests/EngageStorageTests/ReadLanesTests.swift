@testable import EngageSQLite
import Foundation
import GRDB
import Testing

/// One-statement reads on the caller's thread (`ReadLanes`): the by-ID lookups and credential
/// checks go through them, so they must see every acknowledged write and never write themselves.
@Suite("SQLite read lanes")
struct ReadLanesTests {
    @Test("a lane sees each write as soon as it is acknowledged")
    func seesAcknowledgedWrites() async throws {
        // Given a database file opened as the server opens it, with one row
        try await withProbe { database in
            for value in 1...500 {
                // When a write is acknowledged
                try await database.writer.write { db in try db.execute(sql: "UPDATE probe SET value = ? WHERE id = 1", arguments: [value]) }
                // Then the next lane read sees it, never the value before
                let read = try await database.writer.readStatement { db in try Int.fetchOne(db, sql: "SELECT value FROM probe WHERE id = 1") }
                try #require(read == value)
            }
        }
    }

    @Test("a lane is read-only: a write through it fails and changes nothing")
    func refusesWrites() async throws {
        // Given a table with one row
        try await withProbe { database in
            // When a lane is asked to write, then SQLite refuses
            let error = await #expect(throws: DatabaseError.self) {
                try await database.writer.readStatement { db in try db.execute(sql: "UPDATE probe SET value = 1") }
            }
            #expect(error?.resultCode == .SQLITE_READONLY)
            // And the row is as it was
            let value = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT value FROM probe") }
            #expect(value == 0)
        }
    }

    @Test("eight reads at once each get their own lane; afterwards only `kept` stay open")
    func concurrentReads() async throws {
        // Given lanes over a file that keep at most two idle connections
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let pool = try DatabasePool(path: path)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY)") }
        let lanes = ReadLanes(path: path, configuration: Configuration(), kept: 2)

        // When eight threads read at once, each holding its lane until all eight are inside
        let inside = NSCondition()
        nonisolated(unsafe) var count = 0
        nonisolated(unsafe) var connections = Set<ObjectIdentifier>()
        let done = DispatchGroup()
        for _ in 0..<8 {
            done.enter()
            Thread {
                defer { done.leave() }
                try? lanes.read { db in
                    inside.lock()
                    count += 1
                    connections.insert(ObjectIdentifier(db))
                    inside.broadcast()
                    while count < 8 { inside.wait() }
                    inside.unlock()
                }
            }.start()
        }
        done.wait()

        // Then they read on eight connections, and two of them stay open for the next reads
        #expect(connections.count == 8)
        #expect(lanes.idleCount == 2)
    }

    // MARK: Helpers

    /// Runs `body` with a database file opened as the server opens it, holding a table `probe` with one row (1, 0).
    private func withProbe(_ body: (AppDatabase) async throws -> Void) async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let database = try AppDatabase.open(path: path)
        try await database.writer.write { db in
            try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO probe (id, value) VALUES (1, 0)")
        }
        try await body(database)
    }

    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("engage-lanes-\(UUID().uuidString).sqlite").path
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
