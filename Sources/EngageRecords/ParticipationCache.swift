import EngageDomain
import Synchronization

/// Answers of the participation statistics, each kept with the `StatisticsStamp` it was computed at.
/// Served again only while the stamp is unchanged; one instance per store.
public final class ParticipationCache: Sendable {
    private struct Entry {
        var stamp: Int64
        var statistics: ParticipationStatistics
    }

    private let entries = Mutex<[ParticipationQuery: Entry]>([:])
    private let capacity: Int

    /// Keeps at most `capacity` answers; beyond it, answers at older stamps go first, then all.
    public init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The answer computed at `stamp`, if kept.
    public func answer(_ query: ParticipationQuery, at stamp: Int64) -> ParticipationStatistics? {
        entries.withLock { entries in
            guard let entry = entries[query], entry.stamp == stamp else { return nil }
            return entry.statistics
        }
    }

    /// Keeps `statistics`, computed at `stamp`.
    public func keep(_ statistics: ParticipationStatistics, for query: ParticipationQuery, at stamp: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[query] == nil {
                entries = entries.filter { $0.value.stamp == stamp }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[query] = Entry(stamp: stamp, statistics: statistics)
        }
    }
}
