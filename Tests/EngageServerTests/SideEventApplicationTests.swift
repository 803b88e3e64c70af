import Foundation
import HTTPTypes
import Testing

@Suite("Events: side-event applications")
struct SideEventApplicationTests {
    @Test("applications are accepted only inside the window; outside it the 409 says when")
    func window() async throws {
        let clock = ManualClock("2027-01-31T23:59:59Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String  // applications 2027-02-01 – 2027-05-01
            let org = try await app.registerApproved()
            let path = "/v1/events/\(id)/side-event-applications"
            let early = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id))
            #expect(early.isProblem(409))
            #expect((try early.object()["detail"] as? String)?.contains("opens at 2027-02-01T00:00:00Z") == true)
            clock.set("2027-05-01T00:00:00Z")
            let late = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id))
            #expect((try late.object()["detail"] as? String)?.contains("closed at 2027-05-01T00:00:00Z") == true)
            clock.set("2027-02-01T00:00:00Z")
            let onTime = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id))
            #expect(onTime.status == .created)
            let json = try onTime.object()
            #expect(json["status"] as? String == "submitted")
            #expect(json["co_sponsors"] as? [String] == ["MX", "IT"])
            #expect(json["preferred_dates"] as? [String] == ["2027-10-12", "2027-10-13"])
        }
    }

    @Test("co-organisers must exist and be approved; the organiser must be approved; every bad field named")
    func validation() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let pending = try await app.register(["name": "Pending Org"])
            let path = "/v1/events/\(id)/side-event-applications"
            let bad = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id, [
                "title": "", "co_sponsors": ["XX"], "preferred_dates": ["2027-10-32"], "format": "radio", "budget": 1,
            ]))
            #expect(Set(try bad.problemFields()) == ["title", "co_sponsors[0]", "preferred_dates[0]", "format", "budget"])
            let coOrganizers = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id, [
                "co_organizers": ["stk_00000000000000000000", pending.id],
            ]))
            #expect(try coOrganizers.problemFields() == ["co_organizers[0]", "co_organizers[1]"])
            // An unknown ID and a pending organisation's get the same answer: the form is no existence oracle
            let messages = try #require(try coOrganizers.object()["errors"] as? [[String: Any]]).compactMap { $0["message"] as? String }
            #expect(messages.map { $0.replacingOccurrences(of: #"stk_[0-9a-z]{20}"#, with: "ID", options: .regularExpression) }
                == ["ID is not an approved stakeholder", "ID is not an approved stakeholder"])
            #expect(try await app.send(.post, path, token: pending.token, json: TestHarness.applicationBody(pending.id)).isProblem(409))
            #expect(try await app.count("side_event_application") == 0)
        }
    }

    @Test("one open application per organiser, unless staff allow more")
    func allowance() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let path = "/v1/events/\(id)/side-event-applications"
            let first = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id))
            let second = try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id, ["title": "Another"]))
            #expect(second.isProblem(409))
            #expect(try second.object()["existing"] as? String == first.headers[.location])
            // Staff allow two per organiser
            let patched = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["side_event_applications": ["max_per_organizer": 2]])
            #expect(patched.status == .ok)
            #expect(try await app.send(.post, path, token: org.token, json: TestHarness.applicationBody(org.id, ["title": "Another"])).status == .created)
        }
    }

    @Test("approving with create_event makes the side event under the session")
    func approveCreatesEvent() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let session = try await app.createEvent()
            let id = session["id"] as! String
            let org = try await app.registerApproved(["name": "Organiser"])
            let partner = try await app.registerApproved(["name": "Partner"])
            let outsider = try await app.registerApproved(["name": "Outsider"])
            let submitted = try await app.send(.post, "/v1/events/\(id)/side-event-applications", token: org.token,
                                               json: TestHarness.applicationBody(org.id, ["co_organizers": [partner.id]]))
            let path = submitted.headers[.location]!

            // Organiser and co-organiser see it; another stakeholder does not
            #expect(try await app.send(.get, path, token: partner.token).status == .ok)
            #expect(try await app.send(.get, path, token: outsider.token).isProblem(404))
            #expect(try await app.send(.get, "/v1/events/\(id)/side-event-applications", token: partner.token).items().count == 1)
            #expect(try await app.send(.get, "/v1/events/\(id)/side-event-applications", token: outsider.token).items().isEmpty)

            // Staff cannot approve before the co-organiser has answered; only the co-organiser answers for itself
            let early = try await app.send(.post, path + "/approve", token: app.staffKey, json: ["create_event": true])
            #expect(early.isProblem(409))
            #expect((try early.object()["detail"] as? String ?? "").contains(partner.id))
            #expect(try await app.send(.post, path + "/co-organizer-consent", token: org.token, json: ["consent": "confirmed"]).isProblem(403))
            #expect(try await app.send(.post, path + "/co-organizer-consent", token: partner.token, json: ["consent": "maybe"]).isProblem(422))
            let confirmed = try await app.send(.post, path + "/co-organizer-consent", token: partner.token, json: ["consent": "confirmed"])
            #expect(confirmed.status == .ok)
            let consents = try #require(try confirmed.object()["co_organizer_consents"] as? [[String: Any]])
            #expect(consents.map { "\($0["stakeholder_id"] as? String ?? ""):\($0["consent"] as? String ?? "")" } == ["\(partner.id):confirmed"])

            let approved = try await app.send(.post, path + "/approve", token: app.staffKey, json: ["create_event": true])
            #expect(approved.status == .ok)
            // Once decided, the application takes no more answers
            #expect(try await app.send(.post, path + "/co-organizer-consent", token: partner.token, json: ["consent": "declined"]).isProblem(409))
            let sideEventID = try #require(try approved.object()["side_event_id"] as? String)
            let sideEvent = try await app.send(.get, "/v1/events/\(sideEventID)").object()
            #expect(sideEvent["kind"] as? String == "side_event")
            #expect(sideEvent["parent_event_id"] as? String == id)
            #expect(sideEvent["starts_on"] as? String == "2027-10-12")
            #expect(sideEvent["title"] as? String == "Survivors' voices in the UNTOC review")
            let children = try await app.send(.get, "/v1/events?parent_event_id=\(id)").items()
            #expect(children.map { $0["id"] as? String } == [sideEventID])
            // A side event takes no side-event applications of its own (no side events of side events)
            _ = try await app.send(.patch, "/v1/events/\(sideEventID)", token: app.staffKey,
                                   json: ["side_event_applications": ["opens_at": "2027-01-01T00:00:00Z", "closes_at": "2027-12-01T00:00:00Z"]])
            let nested = try await app.send(.post, "/v1/events/\(sideEventID)/side-event-applications", token: org.token, json: TestHarness.applicationBody(org.id))
            #expect(nested.isProblem(409))

            // An approved application can be withdrawn by its organiser, not rejected
            #expect(try await app.send(.post, path + "/reject", token: app.staffKey, json: ["reason": "late"]).isProblem(409))
            #expect(try await app.send(.post, path + "/withdraw", token: partner.token).isProblem(403))
            #expect(try await app.send(.post, path + "/withdraw", token: org.token).object()["status"] as? String == "withdrawn")
        }
    }
}
