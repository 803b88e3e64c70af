import EngageDomain
import EngageRecords
import GRDB
import Synchronization

/// The events one batch transaction has read for registrations, each kept with its version, so that
/// the registrations for an event that wait together read its row once, not once each (the row and
/// its model were 12 % of the writer's time per registration).
///
/// What is kept serves only the same transaction (`GroupCommitWriter.transactionNumber`), and only
/// while the row's version is the one it was read at: every change of an event moves its version (its
/// ETag depends on it), so a change earlier in the same transaction is read afresh. Within a
/// transaction a version names one content: a job rolled back to its savepoint restores the row of the
/// version before it, and a transaction rolled back ends what it kept, as every batch starts a new
/// number. That holds because a job that reads through it does not change the event itself (a job that
/// changed an event, read it here and then rolled back could leave a version that a later change reuses
/// with other content): only `register` reads through it. Outside a batch (number 0) nothing is kept.
final class TransactionEvents: Sendable {
    private struct Kept {
        var version: Int
        var loaded: (EventRecord, Event)
    }

    private let writer: GroupCommitWriter
    private let kept = Mutex<(transaction: UInt64, events: [EventID: Kept])>((0, [:]))

    /// Keeps events for the batch transactions of `writer`.
    init(_ writer: GroupCommitWriter) {
        self.writer = writer
    }

    /// The event as `GRDBEventRepository.load` reads it, or a 404; read afresh unless the writer's
    /// running transaction already read the same version of it. `db` is that writer's connection.
    func load(_ id: EventID, in db: Database) throws -> (EventRecord, Event) {
        let transaction = writer.transactionNumber
        guard transaction != 0 else { return try GRDBEventRepository.load(id, in: db) }
        guard let version = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM event WHERE id = ?"), arguments: [id.rawValue]) else {
            throw DomainError.notFound(resource: "event", id: id.rawValue)
        }
        let hit = kept.withLock { state in state.transaction == transaction ? state.events[id] : nil }
        if let hit, hit.version == version { return hit.loaded }
        let loaded = try GRDBEventRepository.load(id, in: db)
        kept.withLock { state in
            if state.transaction != transaction { state = (transaction, [:]) }
            state.events[id] = Kept(version: version, loaded: loaded)
        }
        return loaded
    }
}
