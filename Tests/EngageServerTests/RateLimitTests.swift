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
}
