import Foundation
import HTTPTypes
import Testing

@Suite("PATCH: merge-patch, ownership, If-Match")
struct ProfileUpdateTests {
    @Test("merge-patch: absent fields stay, null clears, nested contact merges")
    func mergePatch() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            let response = try await app.send(
                .patch, "/v1/stakeholders/\(org.id)", token: org.token,
                json: ["acronym": NSNull(), "description": "New description", "contact": ["phone": NSNull()], "topics": ["cybercrime"]],
                contentType: "application/merge-patch+json")
            #expect(response.status == .ok, "\(response.bodyText)")
            let json = try response.object()
            #expect(json["acronym"] == nil)
            #expect(json["description"] as? String == "New description")
            #expect(json["name"] as? String == "Observatorio Ciudadano de la Trata")
            #expect(json["topics"] as? [String] == ["cybercrime"])
            let contact = try #require(json["contact"] as? [String: Any])
            #expect(contact["phone"] == nil)
            #expect(contact["email"] as? String == "ana.perez@example.org")

            let history = try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items()
            #expect(history.last?["action"] as? String == "updated")
            #expect(history.last?["actor"] as? String == org.id)
            #expect(Set(history.last?["changed_fields"] as? [String] ?? []) == ["acronym", "description", "contact", "topics"])

            // A patch that changes nothing writes no history entry
            let same = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["description": "New description"])
            #expect(same.status == .ok)
            let after = try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items()
            #expect(after.count == history.count)
        }
    }

    @Test("the status cannot be patched, and required fields cannot be nulled or blanked")
    func readOnly() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            let response = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: [
                "status": "approved", "name": NSNull(), "kind": NSNull(), "country": "QQ", "topics": NSNull(),
                "member_of": NSNull(), "ecosoc_status": NSNull(), "contact": ["name": "   "],
            ])
            #expect(response.isProblem(422))
            #expect(Set(try response.problemFields()) == ["status", "name", "kind", "country", "topics", "member_of", "ecosoc_status", "contact.name"])
            let blank = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["name": "  "])
            #expect(blank.isProblem(422))
            let contactNull = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["contact": NSNull()])
            #expect(try contactNull.problemFields() == ["contact"])
            let stored = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).object()
            #expect(stored["status"] as? String == "pending")
            #expect(stored["name"] as? String == "Observatorio Ciudadano de la Trata")
        }
    }

    @Test("If-Match with a stale ETag is 412 and changes nothing")
    func ifMatch() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            let etag = try #require(try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).headers[.eTag])

            let first = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey,
                                           json: ["name": "Renamed once"], headers: ["If-Match": etag])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] != etag)

            let stale = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey,
                                           json: ["name": "Renamed twice"], headers: ["If-Match": etag])
            #expect(stale.isProblem(412))
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey,
                                       json: ["name": "x"], headers: ["If-Match": "\"garbage\""]).isProblem(412))  // matches no version
            let stored = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).object()
            #expect(stored["name"] as? String == "Renamed once")
        }
    }

    @Test("only staff or the stakeholder itself may patch")
    func ownership() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            let other = try await app.registerApproved(["name": "Other Org"])
            let body = ["name": "Hijacked"]
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", json: body).isProblem(401))
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: other.token, json: body).isProblem(403))
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.readerKey, json: body).isProblem(403))
            let name = try await app.send(.get, "/v1/stakeholders/\(org.id)").object()["name"] as? String
            #expect(name == "Observatorio Ciudadano de la Trata")
        }
    }

    @Test("a reissued access token replaces the old one at once")
    func reissueToken() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            let response = try await app.send(.post, "/v1/stakeholders/\(org.id)/access-token", token: org.token)
            #expect(response.status == .created)
            let newToken = try #require(try response.object()["access_token"] as? String)
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)", token: org.token).isProblem(401))
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)", token: newToken).status == .ok)
            // Staff may reissue too; the public may not
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/access-token", token: app.staffKey).status == .created)
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/access-token").isProblem(401))
        }
    }

    @Test("a suspended organisation reads its own profile but changes nothing and adds no webhook endpoint")
    func suspended() async throws {
        try await TestHarness.run { app in
            // Given an approved organisation that staff suspend
            let org = try await app.registerApproved()
            let made = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/mine"])
            let existing = try #require(try made.object()["id"] as? String)
            let suspend = try await app.send(.post, "/v1/stakeholders/\(org.id)/suspend", token: app.staffKey, json: ["reason": "Under review"])
            #expect(suspend.status == .ok)
            // Then it still reads its own profile
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)", token: org.token).status == .ok)
            // But cannot change it, nor subscribe to webhooks
            let patch = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["name": "United Nations Office on Drugs and Crime"])
            #expect(patch.isProblem(403))
            let hook = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/x"])
            #expect(hook.isProblem(403))
            #expect(try await app.count("webhook_endpoint") == 1)   // the one it made before the suspension
            // Nor re-point the endpoint it already has
            let repoint = try await app.send(.patch, "/v1/webhook-endpoints/\(existing)", token: org.token, json: ["url": "https://elsewhere.example.org/x"])
            #expect(repoint.isProblem(403))
            #expect(try await app.database.scalar("SELECT name FROM stakeholder WHERE id = ?", [.text(org.id)]) != "United Nations Office on Drugs and Crime")
            // While staff still can correct the record
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey, json: ["acronym": "SUSP"]).status == .ok)
        }
    }
}
