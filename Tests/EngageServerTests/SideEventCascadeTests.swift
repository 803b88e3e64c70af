import Foundation
import HTTPTypes
import Testing

@Suite("Side events follow their session; waiting lists end with a reason")
struct SideEventCascadeTests {
    /// A session on 2027-10-11…15 with an approved side event on 2027-10-12, organised by `org`.
    private func sessionWithSideEvent(_ app: TestHarness) async throws -> (session: String, side: String, org: (id: String, token: String)) {
        let session = try await app.createEvent()["id"] as! String
        let org = try await app.registerApproved(["name": "Side event organiser"])
        let submitted = try await app.send(.post, "/v1/events/\(session)/side-event-applications", token: org.token,
                                           json: TestHarness.applicationBody(org.id, ["preferred_dates": ["2027-10-12"]]))
        try #require(submitted.status == .created, "\(submitted.bodyText)")
        let path = try #require(submitted.headers[.location])
        let approved = try await app.send(.post, path + "/approve", token: app.staffKey, json: ["create_event": true])
        let side = try #require(try approved.object()["side_event_id"] as? String)
        return (session, side, org)
    }

    private func event(_ app: TestHarness, _ id: String) async throws -> [String: Any] {
        try await app.send(.get, "/v1/events/\(id)").object()
    }

    @Test("postponing and cancelling a session takes its side events along, with the reason, in their history, told to their organisers")
    func postponeAndCancel() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a session with a side event, whose organiser listens on its own endpoint
            let (session, side, org) = try await sessionWithSideEvent(app)
            let hook = try await app.send(.post, "/v1/webhook-endpoints", token: org.token,
                                          json: ["url": "https://hooks.example.org/organiser", "event_types": ["event.postponed", "event.cancelled"]])
            let endpoint = try #require(try hook.object()["id"] as? String)

            // When the session is postponed to a date not yet decided
            #expect(try await app.lifecycle(session, "postpone", ["reason": "Liquidity crisis"]).status == .ok)
            // Then the side event is postponed too, with the same reason and no dates
            var sideEvent = try await event(app, side)
            #expect(sideEvent["status"] as? String == "postponed")
            #expect(sideEvent["status_reason"] as? String == "Liquidity crisis")
            #expect(sideEvent["starts_on"] is NSNull)
            let history = try await app.send(.get, "/v1/events/\(side)/history", token: app.staffKey).items()
            #expect(history.map { $0["action"] as? String } == ["created", "postponed"])

            // When it is cancelled, the side event is cancelled with it
            #expect(try await app.lifecycle(session, "cancel", ["reason": "No venue"]).status == .ok)
            sideEvent = try await event(app, side)
            #expect(sideEvent["status"] as? String == "cancelled")
            #expect(sideEvent["status_reason"] as? String == "No venue")
            // And the calendar no longer confirms it
            #expect(!(try await app.send(.get, "/v1/events.ics").bodyText.contains("STATUS:CONFIRMED")))

            // The organiser was told of each move of its side event, not only of the session's
            let deliveries = try await app.send(.get, "/v1/webhook-endpoints/\(endpoint)/deliveries", token: org.token).items()
            let types = deliveries.compactMap { $0["event_type"] as? String }
            #expect(types.filter { $0 == "event.postponed" }.count == 2)
            #expect(types.filter { $0 == "event.cancelled" }.count == 2)
        }
    }

    @Test("a reschedule moves side events by the same number of days, unless staff keep them")
    func reschedule() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let (session, side, _) = try await sessionWithSideEvent(app)
            // Four weeks later: the side event of the 12th goes to the 9th of November
            #expect(try await app.lifecycle(session, "reschedule", ["starts_on": "2027-11-08", "ends_on": "2027-11-12"]).status == .ok)
            var sideEvent = try await event(app, side)
            #expect(sideEvent["starts_on"] as? String == "2027-11-09")
            #expect(sideEvent["status"] as? String == "scheduled")
            // Kept: a second move leaves it where it is
            let kept = try await app.lifecycle(session, "reschedule", ["starts_on": "2027-11-15", "ends_on": "2027-11-19", "keep_side_events": true])
            #expect(kept.status == .ok, "\(kept.bodyText)")
            sideEvent = try await event(app, side)
            #expect(sideEvent["starts_on"] as? String == "2027-11-09")
            #expect(try await app.lifecycle(session, "reschedule", ["starts_on": "2027-11-15", "ends_on": "2027-11-19", "keep_side_events": "yes"]).isProblem(422))
        }
    }

    @Test("side events and their preferred dates lie within the session's dates")
    func withinTheSession() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let session = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let early = try await app.send(.post, "/v1/events/\(session)/side-event-applications", token: org.token,
                                           json: TestHarness.applicationBody(org.id, ["preferred_dates": ["2027-10-12", "2019-01-01"]]))
            #expect(early.isProblem(422))
            #expect(try early.problemFields().count == 1)
            #expect((try early.problemFields().first ?? "").hasPrefix("preferred_dates["))
            #expect(try await app.count("side_event_application") == 0)
            let outside = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event([
                "kind": "side_event", "parent_event_id": session, "starts_on": "2027-10-16", "ends_on": "2027-10-16", "session_number": NSNull(),
            ]))
            #expect(outside.isProblem(422))
            #expect(Set(try outside.problemFields()) == ["starts_on", "ends_on"])
        }
    }

    @Test("approving a side event while the session has no dates makes a postponed side event, not one on stale dates")
    func undatedSession() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let session = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let submitted = try await app.send(.post, "/v1/events/\(session)/side-event-applications", token: org.token,
                                               json: TestHarness.applicationBody(org.id, ["preferred_dates": ["2027-10-12"]]))
            #expect(try await app.lifecycle(session, "postpone", ["reason": "Awaiting the host country"]).status == .ok)
            let approved = try await app.send(.post, submitted.headers[.location]! + "/approve", token: app.staffKey, json: ["create_event": true])
            let side = try #require(try approved.object()["side_event_id"] as? String)
            let sideEvent = try await event(app, side)
            #expect(sideEvent["status"] as? String == "postponed")
            #expect(sideEvent["starts_on"] is NSNull)
        }
    }

    @Test("completing a workshop cancels the waiting list with the reason, told to each")
    func waitingListEnds() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let workshop = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved()
            let seated = try await app.enrol(workshop, org, email: "a@example.org").object()
            let waiting = try await app.enrol(workshop, org, email: "b@example.org").object()
            #expect(waiting["status"] as? String == "waitlisted")
            clock.set("2027-04-09T12:00:00Z")
            #expect(try await app.send(.post, "/v1/workshops/\(workshop)/complete", token: app.staffKey).status == .ok)
            let after = try await app.send(.get, "/v1/workshops/\(workshop)/enrolments/\(waiting["id"] as! String)", token: org.token).object()
            #expect(after["status"] as? String == "cancelled")
            #expect(after["status_reason"] as? String == "the workshop took place; you were on the waiting list")
            let kept = try await app.send(.get, "/v1/workshops/\(workshop)/enrolments/\(seated["id"] as! String)", token: org.token).object()
            #expect(kept["status"] as? String == "confirmed")
            #expect(kept["status_reason"] is NSNull)
        }
    }
}
