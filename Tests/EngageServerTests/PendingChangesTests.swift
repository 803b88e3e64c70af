import Foundation
import HTTPTypes
import Testing

@Suite("Trust-bearing fields of an approved organisation change only after review")
struct PendingChangesTests {
    @Test("a self-service rename waits for staff; the directory shows the approved name; approval applies it, with history")
    func renameApproved() async throws {
        try await TestHarness.run { app in
            // Given an approved organisation
            let org = try await app.registerApproved()

            // When it renames itself, claims ECOSOC general status and changes its description
            let patch = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: [
                "name": "United Nations Office on Drugs and Crime", "ecosoc_status": "general", "description": "Now with a new focus.",
            ])
            #expect(patch.status == .ok, "\(patch.bodyText)")
            let own = try patch.object()
            // Then the description changes at once, the trust-bearing fields wait
            #expect(own["description"] as? String == "Now with a new focus.")
            #expect(own["name"] as? String == "Observatorio Ciudadano de la Trata")
            #expect(own["ecosoc_status"] as? String == "special")
            let pending = try #require(own["pending_changes"] as? [String: Any])
            let fields = try #require(pending["fields"] as? [String: Any])
            #expect(fields["name"] as? String == "United Nations Office on Drugs and Crime")
            #expect(fields["ecosoc_status"] as? String == "general")
            #expect(pending["proposed_by"] as? String == org.id)

            // The public directory and the stored row keep the approved values, and show no proposal
            let publicView = try await app.send(.get, "/v1/stakeholders/\(org.id)").object()
            #expect(publicView["name"] as? String == "Observatorio Ciudadano de la Trata")
            #expect(publicView["pending_changes"] == nil)
            let search = try await app.send(.get, "/v1/stakeholders?q=Drugs").items()
            #expect(search.isEmpty)
            #expect(try await app.database.scalar("SELECT name FROM stakeholder WHERE id = ?", [.text(org.id)]) == "Observatorio Ciudadano de la Trata")

            // Staff see each proposed field beside its approved value
            let review = try await app.send(.get, "/v1/stakeholders/\(org.id)/pending-changes", token: app.staffKey).object()
            let changes = try #require(review["changes"] as? [[String: Any]])
            #expect(changes.map { $0["field"] as? String } == ["ecosoc_status", "name"])
            #expect(changes.first?["current"] as? String == "special")
            #expect(changes.first?["proposed"] as? String == "general")

            // When staff approve
            let approved = try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/approve", token: app.staffKey)
            #expect(approved.status == .ok, "\(approved.bodyText)")
            // Then the directory shows the new values and nothing is pending any more
            let after = try await app.send(.get, "/v1/stakeholders/\(org.id)").object()
            #expect(after["name"] as? String == "United Nations Office on Drugs and Crime")
            #expect(after["ecosoc_status"] as? String == "general")
            #expect(try approved.object()["pending_changes"] == nil)
            let actions = try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items()
                .map { "\($0["action"] as? String ?? ""):\(($0["changed_fields"] as? [String] ?? []).sorted().joined(separator: ","))" }
            #expect(actions.suffix(3) == ["updated:description", "changes_proposed:ecosoc_status,name", "changes_approved:ecosoc_status,name"])
            // And a second approval has nothing to approve
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/approve", token: app.staffKey).isProblem(409))
        }
    }

    @Test("a rejection needs a reason, discards the proposal and keeps the approved values")
    func rejected() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["acronym": NSNull(), "website": "https://other.example.org"]).status == .ok)
            // Without a reason: 422, nothing changes
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/reject", token: app.staffKey, json: [:]).isProblem(422))
            // Only staff decide
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/reject", token: org.token, json: ["reason": "x"]).isProblem(403))
            let rejected = try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/reject", token: app.staffKey, json: ["reason": "Website does not belong to the organisation"])
            #expect(rejected.status == .ok)
            let json = try rejected.object()
            #expect(json["acronym"] as? String == "OCT")
            #expect(json["website"] as? String == "https://oct.example.org")
            #expect(json["pending_changes"] == nil)
            let last = try #require(try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items().last)
            #expect(last["action"] as? String == "changes_rejected")
            #expect(last["reason"] as? String == "Website does not belong to the organisation")
            #expect((last["changed_fields"] as? [String])?.sorted() == ["acronym", "website"])
            let nothing = try await app.send(.get, "/v1/stakeholders/\(org.id)/pending-changes", token: org.token).object()
            #expect((nothing["changes"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("proposals merge; proposing the approved value again withdraws that field; staff and pending organisations edit directly")
    func mergeAndDirect() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            _ = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["name": "New Name", "country": "PE"])
            let merged = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["country": "MX", "kind": "academia"]).object()
            let fields = try #require((merged["pending_changes"] as? [String: Any])?["fields"] as? [String: Any])
            #expect(Set(fields.keys) == ["name", "kind"])

            // Staff change a trust-bearing field at once
            let staff = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: app.staffKey, json: ["acronym": "OCT-MX"]).object()
            #expect(staff["acronym"] as? String == "OCT-MX")

            // An organisation still under review changes every field at once
            let pending = try await app.register(["name": "Pending Org"])
            let changed = try await app.send(.patch, "/v1/stakeholders/\(pending.id)", token: pending.token, json: ["name": "Pending Org Renamed"]).object()
            #expect(changed["name"] as? String == "Pending Org Renamed")
            #expect(changed["pending_changes"] == nil)

            // Pending changes are private: anonymous 401, another organisation 403
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/pending-changes").isProblem(401))
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/pending-changes", token: pending.token).isProblem(403))
        }
    }

    @Test("a proposed country does not move the organisation up a waiting list")
    func noQueueJumping() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a full workshop with priority for Peru, and a Mexican organisation
            let workshop = try await app.createWorkshop(["capacity": 1])  // priority: PE
            let mexico = try await app.registerApproved(["name": "Org MX", "country": "MX"])
            #expect(try await app.enrol(workshop, mexico, email: "a@example.org").object()["status"] as? String == "confirmed")
            // When it declares itself Peruvian and enrols again
            #expect(try await app.send(.patch, "/v1/stakeholders/\(mexico.id)", token: mexico.token, json: ["country": "PE"]).status == .ok)
            let enrolment = try await app.enrol(workshop, mexico, email: "b@example.org").object()
            // Then it waits without priority, on its approved country
            #expect(enrolment["status"] as? String == "waitlisted")
            #expect(enrolment["priority"] as? Bool == false)
        }
    }

    @Test("a proposed network membership needs an existing network, and joins it only on approval")
    func membership() async throws {
        try await TestHarness.run { app in
            let alliance = try await app.registerApproved(["name": "Alliance of NGOs", "kind": "network"])
            let org = try await app.registerApproved()
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["member_of": [org.id]]).isProblem(422))
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["member_of": [alliance.id]]).status == .ok)
            #expect(try await app.send(.get, "/v1/stakeholders/\(alliance.id)/members").items().isEmpty)
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/pending-changes/approve", token: app.staffKey).status == .ok)
            #expect(try await app.send(.get, "/v1/stakeholders/\(alliance.id)/members").items().map { $0["id"] as? String } == [org.id])
        }
    }
}
