import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Strict queries and cache headers")
struct QueryAndCachingTests {
    @Test("an unknown query parameter, or one given twice, is a 400 naming it")
    func strictQueries() async throws {
        try await TestHarness.run { app in
            _ = try await app.createEvent()
            let unknown = try await app.send(.get, "/v1/events?region=africa&bogus=1&kind=cop_untoc")
            #expect(unknown.isProblem(400))
            #expect(Set(try unknown.problemFields()) == ["region", "bogus"])
            let twice = try await app.send(.get, "/v1/stakeholders?kind=ngo&kind=academia")
            #expect(twice.isProblem(400))
            #expect(try twice.problemFields() == ["kind"])
            // Known parameters still work, and so does a bare list
            #expect(try await app.send(.get, "/v1/events?kind=cop_untoc&limit=5").items().count == 1)
            #expect(try await app.send(.get, "/v1/events").status == .ok)
            // member_of is the members endpoint's own path, not a parameter of it
            let network = try await app.registerApproved(["name": "Alliance", "kind": "network"])
            #expect(try await app.send(.get, "/v1/stakeholders/\(network.id)/members?member_of=\(network.id)").problemFields() == ["member_of"])
        }
    }

    @Test("reads vary by Authorization: public for the public, private for credentials, no-store for secrets")
    func cacheHeaders() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            let anonymous = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            #expect(anonymous.headers[.cacheControl] == "public, no-cache")
            #expect(anonymous.headers[.vary]?.contains("Authorization") == true)
            let staff = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey)
            #expect(staff.headers[.cacheControl] == "private, no-cache")
            #expect(staff.headers[.vary]?.contains("Authorization") == true)
            #expect(staff.headers[.eTag] != anonymous.headers[.eTag])
            let list = try await app.send(.get, "/v1/stakeholders", token: org.token)
            #expect(list.headers[.cacheControl] == "private, no-cache")
            let secret = try await app.send(.post, "/v1/stakeholders/\(org.id)/access-token", token: org.token)
            #expect(secret.headers[.cacheControl]?.contains("no-store") == true)
        }
    }

    @Test("CORS exposes the rate-limit headers and Content-Language")
    func corsExposes() async throws {
        var configuration = AppConfiguration(corsOrigins: ["https://whatson.example.org"])
        configuration.webhookWorker = false
        try await TestHarness.run(configuration: configuration) { app in
            let response = try await app.send(.get, "/v1/events", headers: ["Origin": "https://whatson.example.org"])
            let exposed = response.headers[HTTPField.Name("Access-Control-Expose-Headers")!] ?? ""
            for name in ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Content-Language"] {
                #expect(exposed.localizedCaseInsensitiveContains(name), "\(name) not exposed: \(exposed)")
            }
        }
    }
}
