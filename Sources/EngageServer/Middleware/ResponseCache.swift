import HTTPTypes
import NIOCore
import Synchronization

/// Answers to anonymous reads of the public directory, kept in memory and keyed on the store's
/// data version, so that no answer outlives the data it was made from.
///
/// The version is a count of committed writes that the store advances after each commit and before
/// the write is acknowledged. An answer is kept under the version read before its data was: once any
/// write commits, every kept answer is unreachable (the next lookup asks for the new version), so a
/// client that sees a write's 2xx never reads the older answer afterwards. Answers are dropped when
/// the version moves on.
///
/// Within `budget` bytes the answers live in four generations of a quarter of the budget each: new
/// answers go to the current one; when it is full it becomes the newest of the older ones (dropping the
/// oldest), and an answer found in an older generation moves back to the current. Answers read again
/// stay, answers read once age out, and a flood of distinct URLs (every profile of the directory once)
/// cannot shut the pages read all the time out of the cache. Dropping a quarter at a time keeps the
/// cache between three quarters and all of its budget full (two halves kept it between one half and all).
///
/// Most answers share their headers (a profile's are its content type and a tag like `"v1-public"`),
/// so each distinct set of headers is kept once per generation and shared by the entries that have it:
/// an entry then costs about its body and its key.
final class ResponseCache: Sendable {
    /// What makes two requests' answers the same: the URI and the headers the answer depends on.
    struct Key: Hashable, Sendable {
        var uri: String
        var accept: String?
        var acceptLanguage: String?

        /// The bytes the key itself holds.
        var bytes: Int { uri.utf8.count + (accept?.utf8.count ?? 0) + (acceptLanguage?.utf8.count ?? 0) }
    }

    /// A kept answer (always a 200): its headers and body.
    struct Entry: Sendable {
        var headers: HTTPFields
        var body: ByteBuffer

        /// Roughly what keeping it costs: the body, plus an allowance for the entry itself (its dictionary
        /// slot and buffer). Its headers are counted once per distinct set (`headersCost`).
        var cost: Int { body.readableBytes + 160 }
    }

    /// What a distinct set of headers costs the first time a generation keeps it.
    static let headersCost = 512
    /// How many generations share the budget.
    static let generations = 4

    private struct State: ~Copyable {
        var version: UInt64 = 0
        /// The current generation first, then the older ones, newest first.
        var generations: [[Key: Entry]] = [[:]]
        var currentBytes = 0
        /// The header sets the current generation's entries share.
        var headerSets: Set<HTTPFields> = []

        /// The entry for `key` in any generation; one found in an older generation moves to the current.
        mutating func find(_ key: Key, generationBudget: Int) -> Entry? {
            if let entry = generations[0][key] { return entry }
            for index in generations.indices.dropFirst() {
                if let entry = generations[index].removeValue(forKey: key) {
                    keep(entry, for: key, generationBudget: generationBudget)  // read again: back to the current generation
                    return entry
                }
            }
            return nil
        }

        /// Puts `entry` in the current generation, starting a new one first when it would not fit.
        mutating func keep(_ entry: Entry, for key: Key, generationBudget: Int) {
            var entry = entry
            var cost = entry.cost + key.bytes
            guard cost + ResponseCache.headersCost <= generationBudget else { return }
            if let replaced = generations[0].removeValue(forKey: key) { currentBytes -= replaced.cost + key.bytes }
            if currentBytes + cost + ResponseCache.headersCost > generationBudget {
                generations.insert([:], at: 0)
                if generations.count > ResponseCache.generations { generations.removeLast() }
                currentBytes = 0
                headerSets.removeAll(keepingCapacity: true)
            }
            let (inserted, shared) = headerSets.insert(entry.headers)
            if inserted { cost += ResponseCache.headersCost } else { entry.headers = shared }
            generations[0][key] = entry
            currentBytes += cost
        }
    }

    private let state = Mutex(State())
    /// The most bytes kept at once (bodies, keys, and allowances for entries and headers), over all generations.
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// How many answers are kept, over all generations.
    var count: Int {
        state.withLock { state in state.generations.reduce(0) { $0 + $1.count } }
    }

    /// The answer kept for `key` at `version`, if any.
    func lookup(_ key: Key, version: UInt64) -> Entry? {
        state.withLock { state in
            guard state.version == version else { return nil }
            return state.find(key, generationBudget: budget / Self.generations)
        }
    }

    /// Keeps `entry` for `key` as of `version` (read before the answer's data was), unless a newer
    /// version is already kept.
    func store(_ entry: Entry, for key: Key, version: UInt64) {
        state.withLock { state in
            if version > state.version {
                state = State(version: version)
            }
            guard version == state.version else { return }
            state.keep(entry, for: key, generationBudget: budget / Self.generations)
        }
    }
}
