import EngageDomain
import Foundation
import Synchronization

/// The token buckets of rate limiting. One process keeps them in memory; instances that share a
/// PostgreSQL database share them there, so N instances do not give a caller N times its budget.
public protocol RateLimitStore: Sendable {
    /// Takes a token from the bucket `key` (created full) for a request now.
    func take(_ key: String, quota: RateLimits.Quota) async throws -> TokenBucket.Decision
    /// Whether the bucket `key` has a token now, without taking it.
    func peek(_ key: String, quota: RateLimits.Quota) async throws -> TokenBucket.Decision
}

/// The buckets of one process, behind one lock; idle full buckets are swept out.
public final class InProcessRateLimitStore: RateLimitStore {
    private let state = Mutex<(buckets: [String: TokenBucket], taken: Int)>(([:], 0))
    private let started = ContinuousClock.now

    public init() {}

    public func peek(_ key: String, quota: RateLimits.Quota) -> TokenBucket.Decision {
        let now = self.now
        return state.withLock { state in
            (state.buckets[key] ?? TokenBucket(quota: quota, now: now)).peek(now: now)
        }
    }

    private var now: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    public func take(_ key: String, quota: RateLimits.Quota) -> TokenBucket.Decision {
        let now = self.now
        return state.withLock { state in
            var bucket = state.buckets[key] ?? TokenBucket(quota: quota, now: now)
            let decision = bucket.take(now: now)
            state.buckets[key] = bucket
            state.taken += 1
            // Every 10,000 requests, forget the buckets that have refilled: memory stays bounded by active callers.
            if state.taken % 10_000 == 0 { state.buckets = state.buckets.filter { !$0.value.isFull(now: now) } }
            return decision
        }
    }
}
