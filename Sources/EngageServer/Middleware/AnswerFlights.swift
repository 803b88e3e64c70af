import Synchronization

/// Single flight for kept answers: requests that miss the same answer (same key, same data version)
/// while another request is making it wait for that one instead of each reading the database. After a
/// write, 64 connections asking for the same full-text page cost one ranked search, not 64 queued on
/// two cores (p99 597 ms in `make bench` before).
///
/// The request that leads must `land` its flight exactly once, with the answer it made when that answer
/// may be kept (even one too large for the cache), or with nil when it may not (an error, a 404, an
/// answer with its own `Cache-Control`): then each waiting request makes its own answer, as without this.
final class AnswerFlights: Sendable {
    /// What a request that missed does next.
    enum Turn: Sendable {
        /// Make the answer, then `land` the flight.
        case lead
        /// Another request made this answer meanwhile.
        case made(ResponseCache.Entry)
        /// The request that led kept no answer: make one alone, without landing anything.
        case alone
    }

    private struct Flight: Hashable {
        var key: ResponseCache.Key
        var version: UInt64
    }

    private let waiting = Mutex<[Flight: [CheckedContinuation<Turn, Never>]]>([:])

    /// Leads the flight for `key` at `version`, or waits for the request leading it. A request that
    /// read a newer version never waits for an answer made from older data.
    func join(_ key: ResponseCache.Key, version: UInt64) async -> Turn {
        let flight = Flight(key: key, version: version)
        // The usual miss has nobody to wait for: it leads at once, without suspending.
        let leads = waiting.withLock { waiting in
            guard waiting[flight] == nil else { return false }
            waiting[flight] = []
            return true
        }
        if leads { return .lead }
        // A flight was up; if it lands before this request is queued, this request leads the next one.
        return await withCheckedContinuation { continuation in
            let leads = waiting.withLock { waiting in
                guard waiting[flight] != nil else {
                    waiting[flight] = []
                    return true
                }
                waiting[flight]?.append(continuation)
                return false
            }
            if leads { continuation.resume(returning: .lead) }
        }
    }

    /// Ends the flight the caller leads: every request waiting on it gets `entry`, or makes its own.
    func land(_ key: ResponseCache.Key, version: UInt64, with entry: ResponseCache.Entry?) {
        let waiters = waiting.withLock { $0.removeValue(forKey: Flight(key: key, version: version)) } ?? []
        let turn = entry.map(Turn.made) ?? .alone
        for waiter in waiters { waiter.resume(returning: turn) }
    }

    /// How many requests wait on the flight for `key` at `version` (nil: no flight).
    func waiters(_ key: ResponseCache.Key, version: UInt64) -> Int? {
        waiting.withLock { $0[Flight(key: key, version: version)]?.count }
    }
}
