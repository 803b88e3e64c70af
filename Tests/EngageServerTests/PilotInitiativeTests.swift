import Foundation
import HTTPTypes
import Testing

@Suite("Pilot initiatives: status moves, participants, activity log")
struct PilotInitiativeTests {
    @Test("staff create an initiative; references must exist; bad input names every field")
    func create() async throws {
        try await TestHarness.run { app in
            let event = try await app.createEvent(["kind": "constructive_dialogue"])["id"] as! String
            let response = try await app.send(.post, "/v1/pilot-initiatives", token: app.staffKey, json: TestHarness.pilot(["linked_event_ids": [event]]))
            #expect(response.status == .created)
            let json = try response.object()
            #expect(json["status"] as? String == "proposed")
            #expect(json["linked_event_ids"] as? [String] == [event])
            #expect((json["national_authorities"] as? [[String: Any]])?.first?["role"] as? String == "focal point")
            #expect(json["ends_on"] is NSNull && (json["participants"] as? [Any])?.isEmpty == true)

            let bad = try await app.send(.post, "/v1/pilot-initiatives", token: app.staffKey, json: TestHarness.pilot([
                "country": "XX", "priorities": ["piracy"], "national_authorities": [["role": "x"]], "status": "active",
                "starts_on": "2027-05-01", "ends_on": "2027-04-01",
            ]))
            #expect(Set(try bad.problemFields()) == ["country", "priorities[0]", "national_authorities[0].name", "status", "ends_on"])
            let missing = try await app.send(.post, "/v1/pilot-initiatives", token: app.staffKey,
                                             json: TestHarness.pilot(["linked_event_ids": ["evt_00000000000000000000"], "project_id": "prj_00000000000000000000"]))
            #expect(Set(try missing.problemFields()) == ["linked_event_ids[0]", "project_id"])
            #expect(try await app.count("pilot_initiative") == 1)
        }
    }

    @Test("status moves proposed → active → completed and active ↔ suspended; anything else is a 409; history kept", arguments: [
        (["active"], "proposed"), ([], "completed"), ([], "suspended"), (["active", "completed"], "active"), (["active", "suspended"], "completed"),
    ])
    func statusMoves(setup: [String], illegal: String) async throws {
        try await TestHarness.run { app in
            let id = try await app.createPilot()
            for status in setup {
                try #require(try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: app.staffKey, json: ["status": status]).status == .ok)
            }
            let refused = try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: app.staffKey, json: ["status": illegal])
            #expect(refused.isProblem(409))
            let current = try await app.send(.get, "/v1/pilot-initiatives/\(id)").object()["status"] as? String
            #expect(current == (setup.last ?? "proposed"))
        }
    }

    @Test("the history records each status change with its reason")
    func history() async throws {
        try await TestHarness.run { app in
            let id = try await app.createPilot()
            _ = try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: app.staffKey, json: ["status": "active"])
            _ = try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: app.staffKey, json: ["status": "suspended", "status_reason": "Elections"])
            _ = try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: app.staffKey, json: ["status": "active", "summary": "Resumed"])
            let history = try await app.send(.get, "/v1/pilot-initiatives/\(id)/history", token: app.readerKey).items()
            #expect(history.map { $0["action"] as? String } == ["created", "status_changed", "status_changed", "updated", "status_changed"])
            #expect(history[2]["reason"] as? String == "Elections")
            #expect(history[2]["from_status"] as? String == "active" && history[2]["to_status"] as? String == "suspended")
            #expect(history[3]["changed_fields"] as? [String] == ["summary"])
        }
    }

    @Test("participants: approved stakeholders only, once each; removal; the stakeholder filter")
    func participants() async throws {
        try await TestHarness.run { app in
            let id = try await app.createPilot()
            let other = try await app.createPilot(["title": "Other initiative", "country": "KE"])
            let org = try await app.registerApproved()
            let pending = try await app.register(["name": "Pending Org"])
            let path = "/v1/pilot-initiatives/\(id)/participants"
            let added = try await app.send(.post, path, token: app.staffKey, json: ["stakeholder_id": org.id, "role": "partner"])
            #expect(added.status == .created)
            #expect((try added.object()["participants"] as? [[String: Any]])?.first?["role"] as? String == "partner")
            #expect(try await app.send(.post, path, token: app.staffKey, json: ["stakeholder_id": org.id, "role": "observer"]).isProblem(409))
            #expect(try await app.send(.post, path, token: app.staffKey, json: ["stakeholder_id": pending.id, "role": "observer"]).isProblem(409))
            #expect(try await app.send(.post, path, token: app.staffKey, json: ["stakeholder_id": org.id, "role": "sponsor"]).problemFields() == ["role"])
            #expect(try await app.send(.post, path, token: org.token, json: ["stakeholder_id": org.id, "role": "partner"]).isProblem(403))

            // The filter names this initiative and not the other one, where the stakeholder takes no part
            let mine = try await app.send(.get, "/v1/pilot-initiatives?stakeholder_id=\(org.id)").items().map { $0["id"] as? String }
            #expect(mine == [id])
            #expect(try await app.send(.get, "/v1/pilot-initiatives").items().map { $0["id"] as? String }.contains(other))
            #expect(try await app.send(.delete, "\(path)/\(org.id)", token: app.staffKey).status == .noContent)
            #expect(try await app.send(.delete, "\(path)/\(org.id)", token: app.staffKey).isProblem(404))
            #expect(try await app.send(.get, "/v1/pilot-initiatives?stakeholder_id=\(org.id)").items().isEmpty)
        }
    }

    @Test("the activity log lists newest first and pages")
    func activities() async throws {
        try await TestHarness.run { app in
            let id = try await app.createPilot()
            let path = "/v1/pilot-initiatives/\(id)/activities"
            for (date, title) in [("2027-02-01", "Kick-off"), ("2027-04-10", "Report"), ("2027-03-05", "Dialogue"), ("2027-04-10", "Training")] {
                let response = try await app.send(.post, path, token: app.staffKey, json: ["date": date, "kind": "meeting", "title": title])
                try #require(response.status == .created)
            }
            let bad = try await app.send(.post, path, token: app.staffKey, json: ["date": "soon", "kind": "party"])
            #expect(Set(try bad.problemFields()) == ["date", "kind", "title"])
            var titles: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.send(.get, path + "?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")).object()
                titles += (page["data"] as! [[String: Any]]).map { $0["title"] as! String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && titles.count < 10
            #expect(titles == ["Training", "Report", "Dialogue", "Kick-off"])
        }
    }

    @Test("list filters: country, status, priority")
    func filters() async throws {
        try await TestHarness.run { app in
            let peru = try await app.createPilot()
            let kenya = try await app.createPilot(["title": "Kenya", "country": "KE", "priorities": ["cybercrime"]])
            _ = try await app.send(.patch, "/v1/pilot-initiatives/\(kenya)", token: app.staffKey, json: ["status": "active"])
            func ids(_ query: String) async throws -> [String] { try await app.send(.get, "/v1/pilot-initiatives?\(query)").items().map { $0["id"] as! String } }
            #expect(try await ids("country=pe") == [peru])
            #expect(try await ids("status=active") == [kenya])
            #expect(try await ids("priority=cybercrime") == [kenya])
            #expect(try await app.send(.get, "/v1/pilot-initiatives?priority=piracy&status=dormant").problemFields().count == 2)
        }
    }
}
