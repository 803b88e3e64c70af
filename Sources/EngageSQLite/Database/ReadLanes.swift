import Foundation
import GRDB
import Synchronization

/// Read-only connections to a database file, each used on the calling thread for one statement.
///
/// GRDB's pool answers an `async` read on a dispatch queue of its own, so a point lookup of a few
/// microseconds costs two thread hops and the futex waits between them. A lane runs the statement
/// where the caller already is. Only short reads belong here: a lane blocks its thread while it
/// runs. Without a transaction, one statement still reads one consistent snapshot (WAL), and a lane
/// sees every write committed before it starts.
final class ReadLanes: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])
    /// The most idle lanes kept open; more may run at once, the rest are closed after use.
    private let kept: Int

    /// `kept` defaults to one lane per core, at least four: Swift's cooperative pool runs a thread per
    /// core, so that many lanes can be busy at once.
    init(path: String, configuration: Configuration, kept: Int = max(4, ProcessInfo.processInfo.activeProcessorCount)) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
        self.kept = kept
    }

    /// Runs `value` on an idle lane (opening one when none is idle), on the calling thread.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        let lane = try idle.withLock { $0.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
        defer { idle.withLock { lanes in if lanes.count < kept { lanes.append(lane) } } }
        return try lane.inDatabase(value)
    }

    /// How many idle connections are open now.
    var idleCount: Int {
        idle.withLock { $0.count }
    }
}
