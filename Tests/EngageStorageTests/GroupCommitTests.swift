import EngageSQLite
import Foundation
import GRDB
import Synchronization
import Testing

/// Group commit on a real file (a WAL pool, as served): writes that wait together share one transaction,
/// and each keeps its own outcome.
@Suite("SQLite group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    /// Counts the commits and rollbacks on the connection it observes.
    final class CommitCounter: TransactionObserver, Sendable {
        let commits = Atomic<Int>(0)
        let rollbacks = Atomic<Int>(0)
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commits.add(1, ordering: .relaxed) }
        func databaseDidRollback(_ db: Database) { rollbacks.add(1, ordering: .relaxed) }
    }

    /// A file database with a scratch table, and the counter of its writer's transactions.
    private func scratchWriter(_ path: String) async throws -> (GroupCommitWriter, CommitCounter) {
        let writer = GroupCommitWriter(try DatabasePool(path: path))
        try await writer.connection.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL PRIMARY KEY)") }
        let counter = CommitCounter()
        writer.connection.add(transactionObserver: counter, extent: .databaseLifetime)
        return (writer, counter)
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("engage-group-\(UUID().uuidString).sqlite").path
    }

    /// Holds `writer` busy until writes 1…`count` all wait for it, then lets them run together; returns
    /// each write's outcome (true when `write` returned true), by its number.
    private func queued(_ count: Int, on writer: GroupCommitWriter, _ write: @escaping @Sendable (Int) async throws -> Bool) async throws -> [Int: Bool] {
        let gate = DispatchSemaphore(value: 0)
        writer.connection.asyncWriteWithoutTransaction { _ in gate.wait() }
        let outcomes = Task {
            await withTaskGroup(of: (Int, Bool).self) { group in
                for n in 1...count {
                    group.addTask { (n, (try? await write(n)) ?? false) }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while writer.waiting < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        gate.signal()
        return await outcomes.value
    }

    @Test("writes waiting together commit once; a refused one leaves nothing and the others are all stored")
    func batch() async throws {
        // Given a file database with a scratch table, whose writer is held busy
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (writer, counter) = try await scratchWriter(path)

        // When 100 writes arrive while it is busy, and every seventh inserts its row and then fails
        let acknowledged = try await queued(100, on: writer) { n in
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                if n % 7 == 0 { throw Refused() }
            }
            // Acknowledged only once committed: another connection of the pool already sees the row
            return try await writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scratch WHERE n = ?)", arguments: [n]) } == true
        }

        // Then they committed in one transaction, after one rolled back at the first refusal (the others ran
        // again, each in a savepoint); each refused write is absent and every acknowledged one is stored
        #expect(counter.commits.load(ordering: .relaxed) == 1)
        #expect(counter.rollbacks.load(ordering: .relaxed) == 1)
        #expect(acknowledged.filter { !$0.value }.keys.sorted() == Array(stride(from: 7, through: 98, by: 7)))
        let stored = try await writer.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        #expect(stored == acknowledged.filter(\.value).keys.sorted())
        #expect(stored.count == 86)
    }

    @Test("a write refused before it changed anything leaves the transaction to the others: no rollback, one commit")
    func refusedBeforeWriting() async throws {
        // Given a file database whose writer is held busy
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (writer, counter) = try await scratchWriter(path)

        // When 100 writes arrive while it is busy, and every seventh reads, then fails before inserting
        let acknowledged = try await queued(100, on: writer) { n in
            try await writer.write { db in
                if n % 7 == 0 {
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch")
                    throw Refused()
                }
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
            }
            return true
        }

        // Then the others committed in the one transaction, none rolled back, and each refused write failed
        #expect(counter.commits.load(ordering: .relaxed) == 1)
        #expect(counter.rollbacks.load(ordering: .relaxed) == 0)
        #expect(acknowledged.filter { !$0.value }.keys.sorted() == Array(stride(from: 7, through: 98, by: 7)))
        let stored = try await writer.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        #expect(stored == acknowledged.filter(\.value).keys.sorted())
    }

    @Test("an error of SQLite's own ends the transaction: that write fails, the others in its batch run again and are stored")
    func engineFailure() async throws {
        // Given a writer held busy while three writes queue, the second of which runs SQL that SQLite rejects
        let writer = GroupCommitWriter(try DatabaseQueue())
        try await writer.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL PRIMARY KEY)") }
        let before = writer.commits
        let outcomes = try await queued(3, on: writer) { n in
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                if n == 2 { try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") }
            }
            return true
        }
        // Then the failing write alone fails, and the other two are stored, in a later transaction
        #expect(outcomes == [1: true, 2: false, 3: true])
        #expect(try await writer.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") } == [1, 3])
        #expect(writer.commits == before + 1)
    }

    @Test("a transaction that changes nothing does not move the count of commits (the workers' idle polls)")
    func idleCommits() async throws {
        let writer = GroupCommitWriter(try DatabaseQueue())
        try await writer.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL PRIMARY KEY)") }
        let before = writer.commits
        try await writer.write { db in try db.execute(sql: "UPDATE scratch SET n = n + 1 WHERE n < 0") }
        #expect(writer.commits == before)
        try await writer.write { db in try db.execute(sql: "INSERT INTO scratch (n) VALUES (1)") }
        #expect(writer.commits == before + 1)
    }

    @Test("a write sees the writes acknowledged before it, and its result comes back after the commit")
    func order() async throws {
        let writer = GroupCommitWriter(try DatabaseQueue())
        try await writer.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL PRIMARY KEY)") }
        for n in 1...5 {
            let count = try await writer.write { db in
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") ?? 0
            }
            #expect(count == n)
        }
    }
}
