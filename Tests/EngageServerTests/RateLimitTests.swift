import EngageDomain
import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Rate limits in process")
struct RateLimitTests {
    @Test("self-registration spends the registration budget whoever calls; a stakeholder's token buys no more")
    func registrationWithAToken() async throws {
        var configuration = AppConfiguration()
        configuration.rateLimits = try #require(RateLimits(parsing: "registration=3/h,stakeholder=600/m"))
        try await TestHarness.run(configuration: configuration) { app in
            // Given an organisation that registered (1 of 3) and holds a token
            let (_, token) = try await app.register()
            // When it registers more organisations with its token
            let second = try await app.send(.post, "/v1/stakeholders", token: token, json: TestHarness.registration(["name": "Second"]))
            let third = try await app.send(.post, "/v1/stakeholders", token: token, json: TestHarness.registration(["name": "Third"]))
            let fourth = try await app.send(.post, "/v1/stakeholders", token: token, json: TestHarness.registration(["name": "Fourth"]))
            // Then the registration quota of 3 applies, token or not
            #expect(second.status == .created && third.status == .created)
            #expect(fourth.isProblem(429))
            #expect(fourth.headers[HTTPField.Name("Retry-After")!] != nil)
            #expect(try await app.stakeholderCount() == 3)
            // And staff keys are exempt
            let staff = try await app.send(.post, "/v1/stakeholders", token: app.staffKey, json: TestHarness.registration(["name": "By staff"]))
            #expect(staff.status == .created)
        }
    }

    @Test("wrong credentials count against the address: past the quota, its credentialed requests get 429 unchecked")
    func failedAuthentication() async throws {
        var configuration = AppConfiguration()
        configuration.rateLimits = try #require(RateLimits(parsing: "failed_auth=3/m"))
        try await TestHarness.run(configuration: configuration) { app in
            // Given three wrong tokens from one address, each a 401
            for attempt in 1...3 {
                #expect(try await app.send(.get, "/v1/stakeholders", token: "est_wrong-\(attempt)").isProblem(401))
            }
            // When a fourth arrives, it is refused without a look
            let refused = try await app.send(.get, "/v1/stakeholders", token: "est_wrong-4")
            #expect(refused.isProblem(429))
            #expect(refused.headers[HTTPField.Name("Retry-After")!].flatMap(Int.init) ?? 0 >= 1)
            // And so is a right key from the same address until the bucket refills: guessing learns nothing
            #expect(try await app.send(.get, "/v1/stakeholders", token: app.staffKey).isProblem(429))
            // While requests without credentials go on as before
            #expect(try await app.send(.get, "/v1/stakeholders").status == .ok)
        }
    }
}
