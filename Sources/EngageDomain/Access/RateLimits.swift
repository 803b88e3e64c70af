import Foundation

/// How many requests each kind of caller may make, per window: `ENGAGE_RATE_LIMITS`.
///
/// `off` turns limiting off (test harnesses); otherwise a comma list that overrides the defaults,
/// such as `anonymous=300/m,registration=20/h,key=3000/m,stakeholder=600/m`.
public struct RateLimits: Sendable, Equatable {
    /// A budget of `limit` requests per `window` seconds.
    public struct Quota: Sendable, Equatable {
        public var limit: Int
        public var window: Int

        public init(limit: Int, window: Int) {
            self.limit = limit
            self.window = window
        }
    }

    /// Who is counted: an anonymous client address, self-registrations of one address, an API key, a stakeholder
    /// token, and the failed authentications of one address (wrong keys and tokens).
    public enum Scope: String, Sendable, CaseIterable {
        case anonymous, registration, key, stakeholder
        case failedAuthentication = "failed_auth"
    }

    public var quotas: [Scope: Quota]

    public init(quotas: [Scope: Quota]) {
        self.quotas = quotas
    }

    public static let defaults = RateLimits(quotas: [
        .anonymous: Quota(limit: 300, window: 60),
        .registration: Quota(limit: 20, window: 3600),
        .key: Quota(limit: 3000, window: 60),
        .stakeholder: Quota(limit: 600, window: 60),
        .failedAuthentication: Quota(limit: 30, window: 60),
    ])

    public static let off = RateLimits(quotas: [:])

    public var isOff: Bool { quotas.isEmpty }

    /// Parses `ENGAGE_RATE_LIMITS`; nil when malformed.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" {
            self = .off
            return
        }
        var quotas = Self.defaults.quotas
        for part in trimmed.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let scope = Scope(rawValue: pair[0]) else { return nil }
            let rate = pair[1].split(separator: "/")
            let windows = ["s": 1, "m": 60, "h": 3600]
            guard rate.count == 2, let limit = Int(rate[0]), (1...1_000_000).contains(limit), let window = windows[String(rate[1])] else { return nil }
            quotas[scope] = Quota(limit: limit, window: window)
        }
        self.quotas = quotas
    }
}

/// A token bucket: `limit` tokens, refilled evenly over `window` seconds.
public struct TokenBucket: Sendable, Equatable {
    public private(set) var tokens: Double
    public private(set) var updated: Double
    public let quota: RateLimits.Quota

    public init(quota: RateLimits.Quota, now: Double) {
        self.quota = quota
        tokens = Double(quota.limit)
        updated = now
    }

    /// What a request gets: allowed or not, what remains, and seconds until a token is back (or until full).
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        public var remaining: Int
        /// Seconds until the next request would be allowed (when refused) or until the bucket is full again.
        public var reset: Int

        public init(allowed: Bool, remaining: Int, reset: Int) {
            self.allowed = allowed
            self.remaining = remaining
            self.reset = reset
        }
    }

    /// Takes one token if there is one.
    public mutating func take(now: Double) -> Decision {
        let rate = Double(quota.limit) / Double(quota.window)
        tokens = min(Double(quota.limit), tokens + max(0, now - updated) * rate)
        updated = now
        let allowed = tokens >= 1
        if allowed { tokens -= 1 }
        return Self.decision(allowed: allowed, tokens: tokens, quota: quota)
    }

    /// The answer for a bucket left with `tokens` after a request that was (or was not) allowed.
    public static func decision(allowed: Bool, tokens: Double, quota: RateLimits.Quota) -> Decision {
        let rate = Double(quota.limit) / Double(quota.window)
        if allowed {
            return Decision(allowed: true, remaining: Int(tokens), reset: Int(((Double(quota.limit) - tokens) / rate).rounded(.up)))
        }
        return Decision(allowed: false, remaining: 0, reset: max(1, Int(((1 - tokens) / rate).rounded(.up))))
    }

    /// What a request would get now, without taking a token.
    public func peek(now: Double) -> Decision {
        var copy = self
        let refilled = min(Double(quota.limit), tokens + max(0, now - updated) * Double(quota.limit) / Double(quota.window))
        copy.tokens = refilled
        return Self.decision(allowed: refilled >= 1, tokens: refilled, quota: quota)
    }

    /// Whether the bucket has refilled completely (so it can be forgotten).
    public func isFull(now: Double) -> Bool {
        tokens + max(0, now - updated) * Double(quota.limit) / Double(quota.window) >= Double(quota.limit)
    }
}
