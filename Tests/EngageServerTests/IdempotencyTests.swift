import Foundation
import HTTPTypes
import Testing

@Suite("Idempotency-Key on POST")
struct IdempotencyTests {
    @Test("a retry with the same key and body replays the response and creates nothing")
    func replay() async throws {
        try await TestHarness.run { app in
            let body = TestHarness.registration()
            let first = try await app.send(.post, "/v1/stakeholders", json: body, headers: ["Idempotency-Key": "reg-001"])
            #expect(first.status == .created)
            let second = try await app.send(.post, "/v1/stakeholders", json: body, headers: ["Idempotency-Key": "reg-001"])
            #expect(second.status == .created, "\(second.bodyText)")
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(second.headers[.location] == first.headers[.location])
            #expect(try second.object()["id"] as? String == first.object()["id"] as? String)
            #expect(try second.object()["access_token"] as? String == first.object()["access_token"] as? String)
            #expect(second.headers[.cacheControl] == "no-store")
            #expect(try await app.stakeholderCount() == 1)

            // The stored response reveals neither the one-time token nor the client's key
            let token = try #require(try first.object()["access_token"] as? String)
            let stored = try await app.database.rows("SELECT key, body FROM idempotency_key", [])
            #expect(stored.count == 1)
            let storedKey = try #require(stored.first?.string("key"))
            let storedBody = try #require(stored.first?.data("body"))
            #expect(storedKey != "reg-001")
            #expect(!String(decoding: storedBody, as: UTF8.self).contains(token))
            #expect(storedBody.range(of: Data(token.utf8)) == nil)
        }
    }

    @Test("a key is kept 24 hours by the service's clock: within them another body is a 422, after them it is a new request")
    func retention() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a registration sent under a key at noon
            let key = ["Idempotency-Key": "reg-kept"]
            #expect(try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(), headers: key).status == .created)
            // When the same key comes with another organisation 23 hours later, then 25 hours later
            clock.set("2027-03-11T11:00:00Z")
            let other = TestHarness.registration(["name": "Another Organisation", "acronym": "AO"])
            #expect(try await app.send(.post, "/v1/stakeholders", json: other, headers: key).isProblem(422))
            clock.set("2027-03-11T13:00:00Z")
            let later = try await app.send(.post, "/v1/stakeholders", json: other, headers: key)
            // Then only the second is a new request, stamped with the service's time
            #expect(later.status == .created, "\(later.bodyText)")
            #expect(try later.object()["created_at"] as? String == "2027-03-11T13:00:00Z")
            #expect(try await app.stakeholderCount() == 2)
        }
    }

    @Test("the same key with a different body is a 422 problem")
    func mismatch() async throws {
        try await TestHarness.run { app in
            _ = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(), headers: ["Idempotency-Key": "reg-002"])
            let other = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["name": "Different"]),
                                           headers: ["Idempotency-Key": "reg-002"])
            #expect(other.isProblem(422))
            #expect(try await app.stakeholderCount() == 1)
        }
    }

    @Test("a failed request is not remembered: the corrected retry under the same key goes through")
    func failuresAreNotStored() async throws {
        try await TestHarness.run { app in
            let invalid = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["country": "XX"]),
                                             headers: ["Idempotency-Key": "reg-003"])
            #expect(invalid.isProblem(422))
            let corrected = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(),
                                               headers: ["Idempotency-Key": "reg-003"])
            #expect(corrected.status == .created)
            #expect(try await app.stakeholderCount() == 1)
        }
    }

    @Test("keys are scoped to the caller")
    func scoped() async throws {
        try await TestHarness.run { app in
            let body = ["name": "Integration", "role": "reader"]
            let first = try await app.send(.post, "/v1/api-keys", token: app.adminKey, json: body, headers: ["Idempotency-Key": "k1"])
            #expect(first.status == .created)
            // The same key from another caller is a different request: here, forbidden for a staff key
            let other = try await app.send(.post, "/v1/api-keys", token: app.staffKey, json: body, headers: ["Idempotency-Key": "k1"])
            #expect(other.isProblem(403))
        }
    }

    @Test("an anonymous POST to a protected route is a 401 whatever its Idempotency-Key")
    func anonymousProtected() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            _ = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["name": "Other"]), headers: ["Idempotency-Key": "shared"])
            let response = try await app.send(.post, "/v1/stakeholders/\(org.id)/approve", headers: ["Idempotency-Key": "shared"])
            #expect(response.isProblem(401))
        }
    }

    @Test("a malformed key is a 400 problem")
    func malformedKey() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(),
                                              headers: ["Idempotency-Key": String(repeating: "k", count: 300)])
            #expect(response.isProblem(400))
            #expect(try await app.stakeholderCount() == 0)
        }
    }
}
