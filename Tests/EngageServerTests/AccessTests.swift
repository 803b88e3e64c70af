import Foundation
import HTTPTypes
import Testing

@Suite("Authentication, roles and API keys")
struct AccessTests {
    enum Caller: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, reader, staff, admin, stakeholder
        var testDescription: String { rawValue }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var method: String
        var path: String
        var body: [String: String]?
        /// The expected status for anonymous, reader, staff, admin, stakeholder (its own record).
        var expected: [Int]
        var testDescription: String { "\(method) \(path)" }
    }

    static let matrix: [Case] = [
        Case(method: "GET", path: "/v1/stakeholders", body: nil, expected: [200, 200, 200, 200, 200]),
        Case(method: "GET", path: "/v1/stakeholders/{own}", body: nil, expected: [404, 200, 200, 200, 200]),
        Case(method: "GET", path: "/v1/stakeholders.csv", body: nil, expected: [401, 200, 200, 200, 403]),
        Case(method: "GET", path: "/v1/stakeholders/{own}/history", body: nil, expected: [401, 200, 200, 200, 403]),
        Case(method: "PATCH", path: "/v1/stakeholders/{own}", body: ["description": "x"], expected: [401, 403, 200, 200, 200]),
        Case(method: "POST", path: "/v1/stakeholders/{own}/reject", body: ["reason": "r"], expected: [401, 403, 200, 200, 403]),
        Case(method: "POST", path: "/v1/api-keys", body: ["name": "n", "role": "reader"], expected: [401, 403, 403, 201, 403]),
        Case(method: "GET", path: "/v1/api-keys", body: nil, expected: [401, 403, 403, 200, 403]),
    ]

    @Test("role matrix", arguments: matrix)
    func roleMatrix(_ entry: Case) async throws {
        for (index, caller) in Caller.allCases.enumerated() {
            try await TestHarness.run { app in
                let org = try await app.register()
                let token: String? = switch caller {
                case .anonymous: nil
                case .reader: app.readerKey
                case .staff: app.staffKey
                case .admin: app.adminKey
                case .stakeholder: org.token
                }
                let path = entry.path.replacingOccurrences(of: "{own}", with: org.id)
                let response = try await app.send(.init(entry.method)!, path, token: token, json: entry.body)
                #expect(Int(response.status.code) == entry.expected[index], "\(caller.rawValue): \(response.bodyText)")
                if response.status.code >= 400 { #expect(response.isProblem(Int(response.status.code))) }
            }
        }
    }

    @Test("bad credentials are 401, never a silent downgrade to anonymous", arguments: [
        "Bearer ek_not-a-real-key", "Bearer est_not-a-real-token", "Bearer something", "Basic dXNlcjpwYXNz",
    ])
    func badCredentials(header: String) async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.get, "/v1/stakeholders", headers: ["Authorization": header])
            #expect(response.isProblem(401))
            #expect(response.headers[.wwwAuthenticate] != nil)
        }
    }

    @Test("an API key's secret is shown once, listed never, and revocation is immediate")
    func apiKeyLifecycle() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let created = try await app.send(.post, "/v1/api-keys", token: app.adminKey, json: ["name": "CRM sync", "role": "staff"])
            #expect(created.status == .created)
            let json = try created.object()
            #expect(json["created_at"] as? String == "2027-03-10T12:00:00Z")
            let secret = try #require(json["secret"] as? String)
            let id = try #require(json["id"] as? String)
            #expect(secret.hasPrefix("ek_"))

            let listed = try await app.send(.get, "/v1/api-keys", token: app.adminKey)
            #expect(!listed.bodyText.contains(secret))
            #expect(try listed.items().contains { $0["id"] as? String == id && $0["secret"] == nil })

            #expect(try await app.send(.get, "/v1/stakeholders.csv", token: secret).status == .ok)
            #expect(try await app.send(.get, "/v1/api-keys/\(id)", token: app.adminKey).status == .ok)
            #expect(try await app.send(.delete, "/v1/api-keys/\(id)", token: app.adminKey).status == .noContent)
            #expect(try await app.send(.get, "/v1/api-keys/\(id)", token: app.adminKey).isProblem(404))
            #expect(try await app.send(.get, "/v1/stakeholders.csv", token: secret).isProblem(401))

            let revoked = try await app.send(.get, "/v1/api-keys", token: app.adminKey).items().first { $0["id"] as? String == id }
            #expect(revoked?["revoked_at"] as? String == "2027-03-10T12:00:00Z")
            #expect(try await app.send(.delete, "/v1/api-keys/key_00000000000000000000", token: app.adminKey).isProblem(404))
        }
    }

    @Test("the last active admin key cannot be revoked")
    func lastAdmin() async throws {
        try await TestHarness.run { app in
            let keys = try await app.send(.get, "/v1/api-keys", token: app.adminKey).items()
            let adminID = try #require(keys.first { $0["role"] as? String == "admin" }?["id"] as? String)
            let refused = try await app.send(.delete, "/v1/api-keys/\(adminID)", token: app.adminKey)
            #expect(refused.isProblem(409))
            let shown = try await app.send(.get, "/v1/api-keys/\(adminID)", token: app.adminKey).object()
            #expect(shown["revoked_at"] == nil)
            #expect(shown["secret"] == nil)
            // With a second admin key, the first can go
            let second = try await app.send(.post, "/v1/api-keys", token: app.adminKey, json: ["name": "second", "role": "admin"])
            let secondSecret = try #require(try second.object()["secret"] as? String)
            #expect(try await app.send(.delete, "/v1/api-keys/\(adminID)", token: secondSecret).status == .noContent)
            #expect(try await app.send(.get, "/v1/api-keys", token: app.adminKey).isProblem(401))
        }
    }

    @Test("API key input is validated")
    func apiKeyValidation() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/api-keys", token: app.adminKey, json: ["role": "superuser"])
            #expect(response.isProblem(422))
            #expect(Set(try response.problemFields()) == ["name", "role"])
        }
    }
}
