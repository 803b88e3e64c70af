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
/// Within `budget` bytes the answers live in two generations of half the budget each: new answers
/// go to the current one; when it is full it becomes the previous one (dropping the one before), and
/// an answer found in the previous generation moves back to the current. Answers read again stay,
/// answers read once age out, and a flood of distinct URLs (every profile of the directory once)
/// cannot shut the pages read all the time out of the cache.
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

        /// Roughly what keeping it costs: the body, plus an allowance for the headers and the entry.
        var cost: Int { body.readableBytes + 512 }
    }

    private struct State: ~Copyable {
        var version: UInt64 = 0
        var current: [Key: Entry] = [:]
        var currentBytes = 0
        var previous: [Key: Entry] = [:]

        /// Puts `entry` in the current generation, starting a new one first when it would not fit.
        mutating func keep(_ entry: Entry, for key: Key, generationBudget: Int) {
            let cost = entry.cost + key.bytes
            guard cost <= generationBudget else { return }
            previous[key] = nil
            if let replaced = current.removeValue(forKey: key) { currentBytes -= replaced.cost + key.bytes }
            if currentBytes + cost > generationBudget {
                previous = current
                current = [:]
                currentBytes = 0
            }
            current[key] = entry
            currentBytes += cost
        }
    }

    private let state = Mutex(State())
    /// The most bytes kept at once (bodies, keys, and an allowance for headers), over both generations.
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// The answer kept for `key` at `version`, if any.
    func lookup(_ key: Key, version: UInt64) -> Entry? {
        state.withLock { state in
            guard state.version == version else { return nil }
            if let entry = state.current[key] { return entry }
            guard let entry = state.previous[key] else { return nil }
            state.keep(entry, for: key, generationBudget: budget / 2)  // read again: back to the current generation
            return entry
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
            state.keep(entry, for: key, generationBudget: budget / 2)
        }
    }
}
