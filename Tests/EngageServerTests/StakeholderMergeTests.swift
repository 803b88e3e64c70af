import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Merging duplicate stakeholder records")
struct StakeholderMergeTests {
    @Test("a duplicate's registrations, applications, pilots, memberships and endpoints move; its ID redirects (308)")
    func mergeMovesEverything() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an organisation registered twice (the second flagged as a likely duplicate), both approved,
            // both members of the same network, the duplicate co-organising the original's application
            let network = try await app.registerApproved(["name": "Alliance of NGOs", "kind": "network", "contact": ["name": "N", "email": "n@example.org"]])
            let original = try await app.registerApproved(["member_of": [network.id]])
            let duplicate = try await app.registerApproved([
                "name": "OBSERVATORIO CIUDADANO DE LA TRATA", "member_of": [network.id], "contact": ["name": "Luis", "email": "luis@example.org"],
            ])
            #expect(try await app.stakeholder(duplicate.id)["possible_duplicate_of"] as? [String] == [original.id])
            let first = try await app.createEvent()["id"] as! String
            let second = try await app.createEvent(["title": "Working Group on Trafficking in Persons"])["id"] as! String
            let duplicateRegistration = try await app.registerFor(first, duplicate).headers[.location]!
            #expect(try await app.registerFor(second, original).status == .created)
            #expect(try await app.send(.post, "/v1/events/\(second)/side-event-applications", token: original.token,
                                       json: TestHarness.applicationBody(original.id, ["co_organizers": [duplicate.id]])).status == .created)
            let pilot = try await app.createPilot()
            #expect(try await app.send(.post, "/v1/pilot-initiatives/\(pilot)/participants", token: app.staffKey,
                                       json: ["stakeholder_id": duplicate.id, "role": "observer"]).status == .created)
            let hook = try await app.send(.post, "/v1/webhook-endpoints", token: duplicate.token, json: ["url": "https://hooks.example.org/duplicate"])
            let staffHook = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": "https://hooks.example.org/staff"])
            #expect(hook.status == .created && staffHook.status == .created)

            // While both hold a registration for the same event, the merge waits, naming it
            #expect(try await app.registerFor(second, duplicate).status == .created)
            let blocked = try await app.merge(duplicate.id, into: original.id)
            #expect(blocked.isProblem(409))
            #expect((try blocked.object()["detail"] as? String)?.contains(second) == true)
            #expect(try await app.count("stakeholder") == 3)
            let open = try await app.database.scalar(
                "SELECT id FROM event_registration WHERE stakeholder_id = ? AND event_id = ?", [.text(duplicate.id), .text(second)])!
            #expect(try await app.send(.post, "/v1/events/\(second)/registrations/\(open)/withdraw", token: duplicate.token).status == .ok)

            // Bad requests change nothing: itself, an unknown survivor, a reader key, an unknown duplicate
            #expect(try await app.merge(duplicate.id, into: duplicate.id).problemFields() == ["into"])
            #expect(try await app.merge(duplicate.id, into: "stk_00000000000000000000").problemFields() == ["into"])
            #expect(try await app.merge(duplicate.id, into: original.id, token: app.readerKey).isProblem(403))
            #expect(try await app.merge("stk_00000000000000000000", into: original.id).isProblem(404))

            // When staff merge the duplicate into the original
            let merged = try await app.merge(duplicate.id, into: original.id)

            // Then the original has everything, once
            #expect(merged.status == .ok, "\(merged.bodyText)")
            #expect(try merged.object()["id"] as? String == original.id)
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM stakeholder WHERE id = ?", [.text(duplicate.id)]) == "0")
            for (table, column) in [("event_registration", "stakeholder_id"), ("side_event_co_organizer", "stakeholder_id"),
                                    ("pilot_initiative_participant", "stakeholder_id"), ("stakeholder_membership", "member_id"),
                                    ("webhook_endpoint", "owner_stakeholder_id"), ("stakeholder_history", "stakeholder_id")] {
                #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM \(table) WHERE \(column) = ?", [.text(duplicate.id)]) == "0",
                        "\(table) still names the duplicate")
            }
            #expect(try await app.database.scalar("SELECT stakeholder_id FROM pilot_initiative_participant WHERE pilot_initiative_id = ?", [.text(pilot)])
                == original.id)
            // Not its own co-organiser, and a member of the network once
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM side_event_co_organizer") == "0")
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM stakeholder_membership WHERE member_id = ?", [.text(original.id)]) == "1")
            #expect(try await app.send(.get, duplicateRegistration, token: original.token).status == .ok)
            // Its history holds both records' entries and the merge, which names the duplicate
            let history = try await app.send(.get, "/v1/stakeholders/\(original.id)/history", token: app.staffKey).items()
            #expect(history.filter { $0["action"] as? String == "registered" }.count == 2)
            #expect(history.last?["action"] as? String == "merged" && (history.last?["reason"] as? String)?.contains(duplicate.id) == true)
            // Staff endpoints are told, with the merged ID
            let body = try #require(try await app.database.scalar("SELECT body FROM notification_message WHERE type = 'stakeholder.merged'"))
            #expect(body.contains("\"merged_id\":\"\(duplicate.id)\""))

            // The duplicate's ID leads to the original, path and query kept; its token no longer works
            let moved = try await app.send(.get, "/v1/stakeholders/\(duplicate.id)/history?limit=5", token: app.staffKey)
            #expect(moved.status == .permanentRedirect)
            #expect(moved.headers[.location] == "/v1/stakeholders/\(original.id)/history?limit=5")
            #expect(try moved.object()["merged_into"] as? String == original.id)
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)").status == .permanentRedirect)
            // Writes are not redirected: a client following redirects must not replay them on the survivor
            #expect(try await app.send(.post, "/v1/stakeholders/\(duplicate.id)/suspend", token: app.staffKey, json: ["reason": "x"]).isProblem(404))
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)", token: duplicate.token).isProblem(401))

            // A later merge of the original moves the redirect along: one hop, to the last survivor
            let third = try await app.registerApproved(["name": "Observatorio (tercer registro)", "contact": ["name": "E", "email": "e@example.org"]])
            #expect(try await app.merge(original.id, into: third.id).status == .ok)
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)", token: app.staffKey).headers[.location] == "/v1/stakeholders/\(third.id)")
        }
    }

    @Test("the redirect does not show an anonymous caller a survivor it could not see")
    func redirectRespectsVisibility() async throws {
        try await TestHarness.run { app in
            // Given a pending record merged into another pending one
            let survivor = try await app.register()
            let duplicate = try await app.register(["name": "Duplicate", "contact": ["name": "D", "email": "d@example.org"]])
            #expect(try await app.merge(duplicate.id, into: survivor.id).status == .ok)
            // Then the public gets the 404 it had; staff and the survivor itself are redirected
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)").isProblem(404))
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)", token: survivor.token).status == .permanentRedirect)
            #expect(try await app.send(.get, "/v1/stakeholders/\(duplicate.id)", token: app.readerKey).status == .permanentRedirect)
        }
    }
}

extension StakeholderMergeTests {
    @Test("a network's members move only to a network, and the answer shows them at once")
    func networksMergeIntoNetworks() async throws {
        try await TestHarness.run { app in
            // Given a network registered twice, the duplicate with a member; the survivor registered as an NGO by mistake
            let survivor = try await app.registerApproved(["name": "Alliance of NGOs on Crime Prevention"])
            let duplicate = try await app.registerApproved(["name": "Alliance of NGOs", "kind": "network", "contact": ["name": "N", "email": "n@example.org"]])
            let member = try await app.registerApproved(["name": "Member Org", "member_of": [duplicate.id], "contact": ["name": "M", "email": "m@example.org"]])
            // The merge waits until the survivor is a network
            let refused = try await app.merge(duplicate.id, into: survivor.id)
            #expect(refused.isProblem(409))
            #expect((try refused.object()["detail"] as? String)?.contains("not a network") == true)
            #expect(try await app.send(.patch, "/v1/stakeholders/\(survivor.id)", token: app.staffKey, json: ["kind": "network"]).status == .ok)
            let merged = try await app.merge(duplicate.id, into: survivor.id)
            #expect(merged.status == .ok, "\(merged.bodyText)")
            // The member now belongs to the survivor, and the survivor's answer and ETag are what a GET gives
            #expect(try await app.stakeholder(member.id)["member_of"] as? [String] == [survivor.id])
            let members = try await app.send(.get, "/v1/stakeholders/\(survivor.id)/members").items().compactMap { $0["id"] as? String }
            #expect(members == [member.id])
            let read = try await app.send(.get, "/v1/stakeholders/\(survivor.id)", token: app.staffKey)
            #expect(read.headers[.eTag] == merged.headers[.eTag] && read.bodyText == merged.bodyText)
        }
    }
}

extension TestHarness {
    /// Staff (or `token`) merge `duplicate` into `survivor`.
    func merge(_ duplicate: String, into survivor: String, token: String? = nil) async throws -> TestResponse {
        try await send(.post, "/v1/stakeholders/\(duplicate)/merge", token: token ?? staffKey, json: ["into": survivor])
    }

    /// A stakeholder as staff see it.
    fileprivate func stakeholder(_ id: String) async throws -> [String: Any] {
        try await send(.get, "/v1/stakeholders/\(id)", token: staffKey).object()
    }
}
