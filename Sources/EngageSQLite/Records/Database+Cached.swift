import GRDB
import Synchronization

/// Statements the write path runs on every change, prepared once per connection.
///
/// `db.execute(sql:)` and `Row.fetchAll(db, sql:)` compile their SQL on every call, and each
/// compilation runs GRDB's authorizer over every column the statement touches (and over the
/// triggers an INSERT fires). On the single writer connection that compiling was most of a
/// registration's time, so the statements every change runs come from the connection's cache.
/// Only for SQL whose text is fixed, or varies over a small set (an `IN` list's length).
extension Database {
    /// Runs `sql` from this connection's statement cache.
    func executeCached(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// A statement with an `IN` list of `count` values: from the cache while the list is short (the usual
    /// case: one to a few stakeholders), compiled for this call beyond that, so that the cache keeps one
    /// statement per short length and does not grow with every length a long list ever had.
    func statement(_ sql: String, inListOf count: Int) throws -> Statement {
        count <= 8 ? try cachedStatement(sql: sql) : try makeStatement(sql: sql)
    }
}

extension StatementArguments {
    /// Arguments from texts. GRDB's initialiser for a sequence of one concrete type reads each value
    /// through a generic key path, which Swift instantiates on every call: 4 % of the writer's time
    /// for a registration. Its initialiser for a sequence of optional existentials uses a closure.
    init(texts: some Sequence<String>) {
        self.init(texts.map { $0 as (any DatabaseValueConvertible)? })
    }
}

/// The texts of queries built from a request's filters that may enter the connections' statement caches.
/// A public list's filters, orders and lists of values combine into many texts, and GRDB's cache never
/// drops a statement, so the cache keeps the usual ones and a rare combination is compiled for its call.
///
/// A text is admitted the second time it is seen, until `capacity` are admitted. Texts seen once wait
/// among the candidates, which are all forgotten when `candidates` of them gather: a burst of one-off
/// combinations passes through and takes no room. Admission is still for good, so texts that each come
/// twice early can fill the room (a speed cost only: the rest are compiled for their call).
final class AdmittedQueries: Sendable {
    /// The one the SQLite store uses.
    static let shared = AdmittedQueries(capacity: 256, candidates: 1024)

    let capacity: Int
    let candidates: Int
    private let state = Mutex(State())

    private struct State {
        var admitted: Set<String> = []
        var seenOnce: Set<String> = []
    }

    init(capacity: Int, candidates: Int) {
        self.capacity = capacity
        self.candidates = candidates
    }

    /// Whether `sql` may be cached: it was admitted before, or is seen again now and there is room for it.
    func admit(_ sql: String) -> Bool {
        state.withLock { state in
            if state.admitted.contains(sql) { return true }
            guard state.admitted.count < capacity else { return false }
            if state.seenOnce.remove(sql) != nil {
                state.admitted.insert(sql)
                return true
            }
            if state.seenOnce.count >= candidates { state.seenOnce.removeAll(keepingCapacity: true) }
            state.seenOnce.insert(sql)
            return false
        }
    }
}

extension Database {
    /// The statement of a query built from a request's filters: cached when `AdmittedQueries` admits its text.
    func queryStatement(_ sql: String) throws -> Statement {
        AdmittedQueries.shared.admit(sql) ? try cachedStatement(sql: sql) : try makeStatement(sql: sql)
    }
}
