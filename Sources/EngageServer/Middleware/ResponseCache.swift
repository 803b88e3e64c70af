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
/// the version moves on, and none is kept past `budget` bytes.
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
        var entries: [Key: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    /// The most bytes kept at once (bodies, keys, and an allowance for headers).
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// The answer kept for `key` at `version`, if any.
    func lookup(_ key: Key, version: UInt64) -> Entry? {
        state.withLock { state in state.version == version ? state.entries[key] : nil }
    }

    /// Keeps `entry` for `key` as of `version` (read before the answer's data was), unless a newer
    /// version is already kept or the budget is spent.
    func store(_ entry: Entry, for key: Key, version: UInt64) {
        state.withLock { state in
            if version > state.version {
                state = State(version: version)
            }
            let cost = entry.cost + key.bytes
            guard version == state.version, state.bytes + cost <= budget else { return }
            if let previous = state.entries.updateValue(entry, forKey: key) { state.bytes -= previous.cost + key.bytes }
            state.bytes += cost
        }
    }
}
