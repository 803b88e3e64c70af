import EngageDomain
import Synchronization

/// Answers of the participation statistics, each kept with the `StatisticsStamp` it was computed at,
/// and served again only while the stamp is unchanged; one instance per store.
///
/// Concurrent askers of one query share one computation (single flight): a burst of requests after a
/// change costs one grouped query, not one per request.
public final class ParticipationCache: Sendable {
    /// A computed answer and the stamp its transaction read.
    public typealias Computed = (stamp: Int64, statistics: ParticipationStatistics)

    private struct Entry {
        var stamp: Int64
        var statistics: ParticipationStatistics
    }

    private struct State {
        var entries: [ParticipationQuery: Entry] = [:]
        var inFlight: [ParticipationQuery: (stamp: Int64, task: Task<Computed, any Error>)] = [:]
    }

    private enum Lookup {
        case kept(ParticipationStatistics)
        case computing(Task<Computed, any Error>)
    }

    private let state = Mutex(State())
    private let capacity: Int

    /// Keeps at most `capacity` answers; beyond it, answers at older stamps go first, then all.
    public init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The answer to `query` as new as `stamp` (the stamp the caller just read): kept, being computed,
    /// or computed now by `compute`, which reads the stamp and the figures in one transaction.
    public func answer(
        _ query: ParticipationQuery, at stamp: Int64, compute: @escaping @Sendable () async throws -> Computed
    ) async throws -> ParticipationStatistics {
        let lookup: Lookup = state.withLock { state in
            if let entry = state.entries[query], entry.stamp >= stamp { return .kept(entry.statistics) }
            if let running = state.inFlight[query], running.stamp >= stamp { return .computing(running.task) }
            let started = Task { try await compute() }
            state.inFlight[query] = (stamp, started)
            return .computing(started)
        }
        let task: Task<Computed, any Error>
        switch lookup {
        case .kept(let statistics): return statistics
        case .computing(let running): task = running
        }
        do {
            let computed = try await task.value
            keep(computed, for: query, task: task)
            return computed.statistics
        } catch {
            state.withLock { state in
                if state.inFlight[query]?.task == task { state.inFlight[query] = nil }
            }
            throw error
        }
    }

    private func keep(_ computed: Computed, for query: ParticipationQuery, task: Task<Computed, any Error>) {
        state.withLock { state in
            if state.inFlight[query]?.task == task { state.inFlight[query] = nil }
            if let kept = state.entries[query], kept.stamp >= computed.stamp { return }
            if state.entries.count >= capacity, state.entries[query] == nil {
                state.entries = state.entries.filter { $0.value.stamp == computed.stamp }
                if state.entries.count >= capacity { state.entries.removeAll() }
            }
            state.entries[query] = Entry(stamp: computed.stamp, statistics: computed.statistics)
        }
    }
}
