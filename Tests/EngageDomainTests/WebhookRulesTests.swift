import EngageDomain
import Foundation
import Testing

@Suite("Webhook signatures, retry schedules, address policy")
struct WebhookRulesTests {
    @Test("signatures match the Standard Webhooks reference example")
    func referenceSignature() {
        let signature = WebhookSecret.signature(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", messageID: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(WebhookSecret.signature(secret: "not-a-secret", messageID: "m", timestamp: 1, body: Data()) == nil)
    }

    @Test("new secrets carry at least 24 random bytes")
    func secrets() {
        let secret = WebhookSecret.generate()
        #expect(secret.hasPrefix("whsec_"))
        #expect((Data(base64Encoded: String(secret.dropFirst(6)))?.count ?? 0) >= 24)
        #expect(secret != WebhookSecret.generate())
    }

    @Test("retry schedules parse from the environment's comma lists")
    func schedules() throws {
        let schedule = try #require(RetrySchedule(parsing: "0s, 500ms,5m,2h"))
        #expect(schedule.delays == [.zero, .milliseconds(500), .seconds(300), .seconds(7200)])
        #expect(RetrySchedule(parsing: "5 minutes") == nil)
        #expect(RetrySchedule(parsing: "") == nil)
        #expect(RetrySchedule(parsing: "-1s") == nil)
        #expect(RetrySchedule.standard.attempts == 10)
        #expect(RetrySchedule.standard.delays.last == .seconds(24 * 3600))
        // Jitter adds at most 10 %; after the last attempt there is no delay
        #expect(schedule.delay(after: 2, jitter: 0.1) == .seconds(330))
        #expect(schedule.delay(after: 4) == nil)
    }

    @Test("refused IPv4 ranges", arguments: [
        [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1], [169, 254, 169, 254],
        [100, 100, 100, 200], [0, 0, 0, 0], [224, 0, 0, 1], [255, 255, 255, 255], [198, 18, 0, 1],
    ] as [[UInt8]])
    func refusedIPv4(address: [UInt8]) {
        #expect(AddressPolicy.refusal(ipv4: address) != nil)
    }

    @Test("public IPv4 addresses pass", arguments: [[8, 8, 8, 8], [172, 32, 0, 1], [193, 0, 0, 1], [100, 128, 0, 1]] as [[UInt8]])
    func publicIPv4(address: [UInt8]) {
        #expect(AddressPolicy.refusal(ipv4: address) == nil)
    }

    @Test("refused IPv6 forms, including IPv4 embedded in them")
    func ipv6() {
        func v6(_ prefix: [UInt8], _ suffix: [UInt8] = []) -> [UInt8] {
            prefix + Array(repeating: 0, count: 16 - prefix.count - suffix.count) + suffix
        }
        #expect(AddressPolicy.refusal(ipv6: v6([], [1])) == "a loopback address")
        #expect(AddressPolicy.refusal(ipv6: v6([], [0, 0, 0xff, 0xff, 127, 0, 0, 1]))?.contains("IPv4-mapped") == true)
        #expect(AddressPolicy.refusal(ipv6: v6([0, 0x64, 0xff, 0x9b], [10, 0, 0, 1]))?.contains("NAT64") == true)
        #expect(AddressPolicy.refusal(ipv6: v6([0x20, 0x02, 192, 168, 0, 1]))?.contains("6to4") == true)
        #expect(AddressPolicy.refusal(ipv6: v6([0xfe, 0x80], [1])) == "a link-local address")
        #expect(AddressPolicy.refusal(ipv6: v6([0xfd, 0x00, 0x0e, 0xc2], [0x02, 0x54])) != nil)   // fd00:ec2::254, AWS metadata
        #expect(AddressPolicy.refusal(ipv6: v6([0xff, 0x02], [1])) == "a multicast address")
        #expect(AddressPolicy.refusal(ipv6: v6([], [0, 0, 0xff, 0xff, 8, 8, 8, 8])) == nil)
        #expect(AddressPolicy.refusal(ipv6: v6([0x2a, 0x00, 0x14, 0x50], [1])) == nil)
    }
}
