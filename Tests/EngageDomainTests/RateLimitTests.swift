import EngageDomain
import Testing

@Suite("Rate limits: configuration and token buckets")
struct RateLimitTests {
    @Test("ENGAGE_RATE_LIMITS: off, overrides of the defaults, and malformed values")
    func parsing() throws {
        #expect(RateLimits(parsing: "off")?.isOff == true)
        let custom = try #require(RateLimits(parsing: "anonymous=5/s, registration=2/h"))
        #expect(custom.quotas[.anonymous] == RateLimits.Quota(limit: 5, window: 1))
        #expect(custom.quotas[.registration] == RateLimits.Quota(limit: 2, window: 3600))
        #expect(custom.quotas[.key] == RateLimits.defaults.quotas[.key])
        for bad in ["lots", "anonymous=5", "anonymous=5/d", "robots=1/m", "anonymous=0/m"] {
            #expect(RateLimits(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("a bucket allows its limit, refuses the next with the wait, and refills evenly")
    func bucket() {
        var bucket = TokenBucket(quota: RateLimits.Quota(limit: 3, window: 60), now: 0)
        #expect((0..<3).map { _ in bucket.take(now: 0).allowed } == [true, true, true])
        let refused = bucket.take(now: 0)
        #expect(!refused.allowed && refused.remaining == 0 && refused.reset == 20)   // one token every 20 s
        #expect(!bucket.take(now: 19).allowed)
        #expect(bucket.take(now: 20.5).allowed)
        #expect(!bucket.isFull(now: 21))
        #expect(bucket.isFull(now: 100))
    }
}
