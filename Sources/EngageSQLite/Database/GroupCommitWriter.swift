import Foundation
import GRDB
import Synchronization

/// SQLite writes with group commit: the write transactions that arrive while one commits wait,
/// then run together in the next transaction and share its one fsync.
///
/// A caller's `write` returns only after the transaction holding its changes has committed, so an
/// acknowledged write is as durable as with one transaction per write (`synchronous = FULL`). A write
/// that throws leaves nothing behind and the others in the batch alone (see `commit`); if the commit
/// itself fails, every write of the batch fails and none is acknowledged. Writes run one at a time,
/// in arrival order, on GRDB's writer, so each sees the ones before it, as before.
///
/// A write must change rows only (schema changes go through migrations), and may run more than once
/// before it is answered: it must not act outside the database.
public final class GroupCommitWriter: Sendable {
    /// The connection underneath: a pool for files, a queue for in-memory test databases.
    public let connection: any DatabaseWriter
    /// Connections for one-statement reads on the caller's thread (files only).
    private let lanes: ReadLanes?
    private let queue = Mutex(Pending())
    private let commitCount = Atomic<UInt64>(0)
    /// Batches begun so far, and the number of the one running now (0 between batches).
    private let transactionCount = Atomic<UInt64>(0)
    private let runningTransaction = Atomic<UInt64>(0)
    /// The most writes one transaction takes, so that a long queue still commits in bounded steps.
    private let batchLimit = 256

    public convenience init(_ connection: any DatabaseWriter) {
        self.init(connection, lanes: nil)
    }

    init(_ connection: any DatabaseWriter, lanes: ReadLanes?) {
        self.connection = connection
        self.lanes = lanes
    }

    // MARK: Access

    /// Runs `updates` in a transaction shared with the writes waiting beside it, and returns its result
    /// once that transaction has committed.
    public func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            enqueue(Job(
                apply: { db in
                    let value = try updates(db)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) }))
        }
    }

    /// Reads from the connection (a pool's reader, which sees every acknowledged write).
    public func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await connection.read(value)
    }

    /// Runs one short statement's read on the calling thread, without a hop to the pool's queue
    /// (`ReadLanes`); in-memory databases read from their connection as `read` does.
    public func readStatement<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        guard let lanes else { return try await connection.read(value) }
        return try lanes.read(value)
    }

    /// Runs `updates` alone, outside any transaction, once every write before it has finished.
    public func barrierWriteWithoutTransaction<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        defer { commitCount.add(1, ordering: .releasing) }
        return try await connection.barrierWriteWithoutTransaction(updates)
    }

    /// Copies the database to `destination` with SQLite's online backup API.
    public func backup(to destination: some DatabaseWriter) throws {
        try connection.backup(to: destination)
    }

    /// How many transactions that changed something have committed through this writer since it
    /// opened: advanced after each such commit, before the writes in it are acknowledged.
    public var commits: UInt64 {
        commitCount.load(ordering: .acquiring)
    }

    /// The number of the batch transaction running on the writer now, 0 outside one: each batch (a rerun
    /// included) takes the next, so a write may keep what it read for the other writes of its own
    /// transaction only (`TransactionEvents`).
    public var transactionNumber: UInt64 {
        runningTransaction.load(ordering: .relaxed)
    }

    /// The writes waiting for a transaction right now.
    public var waiting: Int {
        queue.withLock { $0.jobs.count }
    }

    // MARK: Batching

    private struct Job: Sendable {
        /// Runs the write on the connection; returns what acknowledges it after the commit.
        let apply: @Sendable (Database) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Pending: ~Copyable {
        var jobs: [Job] = []
        var scheduled = false
        /// The next batch runs each job in a savepoint: it holds jobs run again after one failed.
        var careful = false
    }

    private func enqueue(_ job: Job) {
        let start = queue.withLock { pending in
            pending.jobs.append(job)
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        if start { schedule() }
    }

    /// Takes the next batch on GRDB's writer; other work queued there (migrations, backups) gets its turn between batches.
    private func schedule() {
        connection.asyncWriteWithoutTransaction { db in
            let (batch, careful) = self.queue.withLock { pending in
                let batch = Array(pending.jobs.prefix(self.batchLimit))
                pending.jobs.removeFirst(batch.count)
                defer { pending.careful = false }
                return (batch, pending.careful)
            }
            self.commit(batch, careful: careful, in: db)
            let more = self.queue.withLock { pending in
                pending.scheduled = !pending.jobs.isEmpty
                return pending.scheduled
            }
            if more { self.schedule() }
        }
    }

    /// Runs the jobs one after another in one transaction; answers every job only once the
    /// transaction has committed or rolled back.
    ///
    /// A job that throws before it changed a row (as the rules' refusals do) leaves nothing to undo,
    /// and the transaction goes on. A job that throws after changing rows, or with an error of SQLite
    /// itself (which may leave the transaction unusable), ends the transaction: that job fails, and the
    /// others of the batch, none yet acknowledged, run again in the next one, `careful`: each in a
    /// savepoint of its own, so that another failure among them undoes only its own job. If BEGIN or
    /// COMMIT fails, every job of the batch fails.
    ///
    /// Jobs do not run in savepoints otherwise: SQLite copies each page a job first changes inside a
    /// savepoint to a sub-journal (about 20 pages for a registration), which grew the heap, faulted new
    /// pages in and spilled to a temporary file for every write.
    private func commit(_ batch: [Job], careful: Bool, in db: Database) {
        var acknowledgments: [@Sendable () -> Void] = []
        var refusals: [() -> Void] = []
        var written: [Job] = []
        var waiting = batch[...]
        var rerun: [Job] = []
        let changesBefore = db.totalChangesCount
        runningTransaction.store(transactionCount.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
        defer { runningTransaction.store(0, ordering: .relaxed) }
        do {
            try db.inTransaction {
                while let job = waiting.popFirst() {
                    let changesBeforeJob = db.totalChangesCount
                    do {
                        acknowledgments.append(try careful ? Self.applyInSavepoint(job, db) : job.apply(db))
                        written.append(job)
                    } catch {
                        refusals.append { job.fail(error) }
                        let leftChanges = !careful && db.totalChangesCount != changesBeforeJob
                        if leftChanges || !db.isInsideTransaction || Self.isEngineFailure(error) {
                            rerun = written + waiting
                            throw error
                        }
                    }
                }
                return .commit
            }
        } catch {
            if rerun.isEmpty {
                for job in written + waiting { job.fail(error) }
            } else {
                queue.withLock { pending in
                    pending.jobs.insert(contentsOf: rerun, at: 0)
                    pending.careful = true
                }
            }
            for refuse in refusals { refuse() }
            return
        }
        // Only a transaction that changed something moves the count (the workers' idle polls do not).
        if db.totalChangesCount != changesBefore { commitCount.add(1, ordering: .releasing) }
        for acknowledge in acknowledgments { acknowledge() }
        for refuse in refusals { refuse() }
    }

    private static func applyInSavepoint(_ job: Job, _ db: Database) throws -> @Sendable () -> Void {
        var acknowledge: (@Sendable () -> Void)?
        try db.inSavepoint {
            acknowledge = try job.apply(db)
            return .commit
        }
        return acknowledge!
    }

    /// An error of SQLite's own, not a constraint refusing one statement (which rolls back only that statement).
    private static func isEngineFailure(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode != .SQLITE_CONSTRAINT
    }
}
