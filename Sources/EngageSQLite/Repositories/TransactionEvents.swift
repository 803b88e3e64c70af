import EngageDomain
import EngageRecords
import GRDB
import Synchronization

/// The events one batch transaction has read for registrations, each kept with its version, so that
/// the registrations for an event that wait together read its row once, not once each (the row and
/// its model were 12 % of the writer's time per registration).
///
/// What is kept serves only the same transaction (`GroupCommitWriter.transaction`), and only while the
/// row's version is the one it was read at: every change of an event moves its version (its ETag
/// depends on it), so a change earlier in the same transaction is read afresh. Within a transaction a
/// version names one content: a job rolled back to its savepoint restores the row of the version
/// before it, and a transaction rolled back ends what it kept, as every batch starts a new number.
final class TransactionEvents: Sendable {
    private struct Kept {
        var version: Int
        var loaded: (record: EventRecord, event: Event)
    }

    private let kept = Mutex<(transaction: UInt64, events: [EventID: Kept])>((0, [:]))

    init() {}

    /// The event as `GRDBEventRepository.load` reads it, or a 404; read afresh unless this transaction
    /// already read the same version of it.
    func load(_ id: EventID, transaction: UInt64, in db: Database) throws -> (record: EventRecord, event: Event) {
        guard let version = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM event WHERE id = ?"), arguments: [id.rawValue]) else {
            throw DomainError.notFound(resource: "event", id: id.rawValue)
        }
        let hit = kept.withLock { kept in kept.transaction == transaction ? kept.events[id] : nil }
        if let hit, hit.version == version { return hit.loaded }
        let loaded = try GRDBEventRepository.load(id, in: db)
        kept.withLock { kept in
            if kept.transaction != transaction { kept = (transaction, [:]) }
            kept.events[id] = Kept(version: version, loaded: (loaded.0, loaded.1))
        }
        return (loaded.0, loaded.1)
    }
}
