import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("GET /v1/me: an organisation's own affairs across everything")
struct MeTests {
    @Test("the organisation sees its registrations, applications, enrolments and pilots with their statuses, and only its own")
    func ownAffairs() async throws {
        let clock = ManualClock("2027-03-10T00:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an organisation taking part in two events, a side event, a workshop (waiting) and a pilot
            let org = try await app.registerApproved()
            let other = try await app.registerApproved(["name": "Another Organisation", "acronym": "AO"])
            let cop = try await app.createEvent()["id"] as! String
            let ccpcj = try await app.createEvent(["title": "CCPCJ, 36th session", "kind": "ccpcj_session", "session_number": 36])["id"] as! String
            for event in [cop, ccpcj] { #expect(try await app.registerFor(event, org).status == .created) }
            #expect(try await app.registerFor(cop, other).status == .created)
            let applied = try await app.send(.post, "/v1/events/\(cop)/side-event-applications", token: org.token,
                                             json: TestHarness.applicationBody(org.id))
            #expect(applied.status == .created, "\(applied.bodyText)")
            let workshop = try await app.createWorkshop(["capacity": 1])
            #expect(try await app.enrol(workshop, other, email: "first@example.org").status == .created)
            #expect(try await app.enrol(workshop, org, email: "second@example.org").status == .created)
            let pilot = try await app.createPilot()
            #expect(try await app.send(.post, "/v1/pilot-initiatives/\(pilot)/participants", token: app.staffKey,
                                       json: ["stakeholder_id": org.id, "role": "partner"]).status == .created)
            // And staff approve the first registration
            let first = try await app.send(.get, "/v1/events/\(cop)/registrations?stakeholder_id=\(org.id)", token: app.staffKey).items()
            let registrationID = try #require(first.first?["id"] as? String)
            #expect(try await app.send(.post, "/v1/events/\(cop)/registrations/\(registrationID)/approve", token: app.staffKey).status == .ok)

            // When it asks who it is
            let me = try await app.send(.get, "/v1/me", token: org.token)

            // Then it sees itself in full, and each of its affairs with its current status
            #expect(me.status == .ok)
            let json = try me.object()
            let stakeholder = try #require(json["stakeholder"] as? [String: Any])
            #expect(stakeholder["id"] as? String == org.id && stakeholder["contact"] != nil)
            func list(_ name: String) throws -> [[String: Any]] { try #require((json[name] as? [String: Any])?["data"] as? [[String: Any]]) }
            #expect(try list("registrations").map { $0["event_id"] as? String } == [cop, ccpcj])
            #expect(try list("registrations").map { $0["status"] as? String } == ["approved", "pending"])
            #expect(try list("side_event_applications").map { $0["status"] as? String } == ["submitted"])
            #expect(try list("enrolments").map { $0["status"] as? String } == ["waitlisted"])
            #expect(try list("enrolments").first?["waitlist_position"] as? Int == 1)
            #expect(try list("pilot_initiatives").map { $0["id"] as? String } == [pilot])
            // And nothing of the other organisation's
            let theirs = try await app.send(.get, "/v1/me", token: other.token).object()
            #expect(((theirs["registrations"] as? [String: Any])?["data"] as? [Any])?.count == 1)
            #expect(((theirs["side_event_applications"] as? [String: Any])?["data"] as? [Any])?.isEmpty == true)
            #expect(((theirs["enrolments"] as? [String: Any])?["data"] as? [[String: Any]])?.first?["status"] as? String == "confirmed")
        }
    }

    @Test("each list pages on at its own path with the cursor /v1/me gave; the cursor fits no other list")
    func paging() async throws {
        let clock = ManualClock("2027-03-10T00:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let org = try await app.registerApproved()
            var events: [String] = []
            for session in 1...3 {
                let event = try await app.createEvent(["title": "Working group \(session)", "kind": "working_group", "session_number": session])["id"] as! String
                #expect(try await app.registerFor(event, org).status == .created)
                events.append(event)
            }
            // Given the first page of one
            let me = try await app.send(.get, "/v1/me?limit=1", token: org.token).object()
            let registrations = try #require(me["registrations"] as? [String: Any])
            var seen = (registrations["data"] as? [[String: Any]] ?? []).compactMap { $0["event_id"] as? String }
            var cursor = registrations["next_cursor"] as? String
            // When it follows the cursors
            while let next = cursor {
                let page = try await app.send(.get, "/v1/me/registrations?limit=1&cursor=\(next)", token: org.token)
                #expect(page.status == .ok)
                seen += try page.items().compactMap { $0["event_id"] as? String }
                cursor = try page.object()["next_cursor"] as? String
            }
            // Then it has seen every registration once, in order
            #expect(seen == events)
            let second = try #require(registrations["next_cursor"] as? String)
            #expect(try await app.send(.get, "/v1/me/enrolments?cursor=\(second)", token: org.token).problemFields() == ["cursor"])
        }
    }

    @Test("an API key has no organisation (403); without credentials it is 401")
    func whoMayAsk() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            #expect(try await app.send(.get, "/v1/me", token: app.staffKey).isProblem(403))
            #expect(try await app.send(.get, "/v1/me/enrolments", token: app.readerKey).isProblem(403))
            #expect(try await app.send(.get, "/v1/me").isProblem(401))
            // /v1/me itself has no cursor (its lists page on at their own paths)
            let withCursor = try await app.send(.get, "/v1/me?cursor=abc", token: org.token)
            #expect(try withCursor.problemFields() == ["cursor"])
            #expect(try (withCursor.object()["errors"] as? [[String: Any]])?.first?["code"] as? String == "unknown_field")
        }
    }
}
