import Foundation
import HTTPTypes
import Testing

@Suite("Events: participation registrations")
struct EventRegistrationTests {
    @Test("the registration window is open from opens_at (inclusive) to closes_at (exclusive)")
    func windowEdges() async throws {
        let clock = ManualClock("2026-12-31T23:59:59Z")
        try await TestHarness.run(clock: clock.source) { app in
            let event = try await app.createEvent()  // registration 2027-01-01T00:00:00Z – 2027-09-01T00:00:00Z
            let id = event["id"] as! String
            let early = try await app.registerApproved(["name": "Early Org"])
            let onTime = try await app.registerApproved(["name": "On Time Org"])
            let late = try await app.registerApproved(["name": "Late Org"])

            // One second before it opens
            let before = try await app.registerFor(id, early)
            #expect(before.isProblem(409))
            #expect((try before.object()["detail"] as? String)?.contains("opens at 2027-01-01T00:00:00Z") == true)
            // Exactly at opens_at
            clock.set("2027-01-01T00:00:00Z")
            #expect(try await app.registerFor(id, early).status == .created)
            // One second before it closes
            clock.set("2027-08-31T23:59:59Z")
            #expect(try await app.registerFor(id, onTime).status == .created)
            // Exactly at closes_at
            clock.set("2027-09-01T00:00:00Z")
            let after = try await app.registerFor(id, late)
            #expect(after.isProblem(409))
            #expect((try after.object()["detail"] as? String)?.contains("closed at 2027-09-01T00:00:00Z") == true)
            #expect(try await app.count("event_registration") == 2)
        }
    }

    @Test("only approved stakeholders, at most the allowed people, with valid participants")
    func rules() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let pending = try await app.register(["name": "Pending Org"])
            let approved = try await app.registerApproved(["name": "Approved Org"])

            #expect(try await app.registerFor(id, pending).isProblem(409))
            // Four people where three are allowed
            let tooMany = try await app.registerFor(id, approved, participants: 4)
            #expect(try tooMany.problemFields() == ["participants"])
            // Every bad participant field at once
            let bad = try await app.send(.post, "/v1/events/\(id)/registrations", token: approved.token, json: [
                "stakeholder_id": approved.id,
                "participants": [
                    ["name": "", "email": "not-an-email", "role": "minister"],
                    ["name": "B", "email": "b@example.org", "phone": "1"],
                    ["name": "C", "email": "B@example.org"],
                ],
            ])
            #expect(Set(try bad.problemFields()) == [
                "participants[0].name", "participants[0].email", "participants[0].role", "participants[1].phone", "participants[2].email",
            ])
            #expect(try await app.send(.post, "/v1/events/\(id)/registrations", token: approved.token,
                                       json: ["stakeholder_id": approved.id, "participants": []]).problemFields() == ["participants"])
            // A stakeholder that does not exist (staff acting on its behalf)
            let ghost = try await app.send(.post, "/v1/events/\(id)/registrations", token: app.staffKey,
                                           json: TestHarness.registrationBody("stk_00000000000000000000"))
            #expect(try ghost.problemFields() == ["stakeholder_id"])
            // Another stakeholder's token, a reader key, nobody
            let other = try await app.registerApproved(["name": "Other Org"])
            #expect(try await app.send(.post, "/v1/events/\(id)/registrations", token: other.token,
                                       json: TestHarness.registrationBody(approved.id)).isProblem(403))
            #expect(try await app.send(.post, "/v1/events/\(id)/registrations", token: app.readerKey,
                                       json: TestHarness.registrationBody(approved.id)).isProblem(403))
            #expect(try await app.send(.post, "/v1/events/\(id)/registrations",
                                       json: TestHarness.registrationBody(approved.id)).isProblem(401))
            // An unknown event
            #expect(try await app.registerFor("evt_00000000000000000000", approved).isProblem(404))
            #expect(try await app.count("event_registration") == 0)

            // Staff may register on a stakeholder's behalf
            let byStaff = try await app.send(.post, "/v1/events/\(id)/registrations", token: app.staffKey, json: TestHarness.registrationBody(approved.id, participants: 3))
            #expect(byStaff.status == .created)
            #expect(try byStaff.object()["status"] as? String == "pending")
        }
    }

    @Test("one open registration per stakeholder: the second is a 409 pointing at the first; after withdrawal, a new one")
    func oneOpenRegistration() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let first = try await app.registerFor(id, org)
            let location = try #require(first.headers[.location])
            let second = try await app.registerFor(id, org)
            #expect(second.isProblem(409))
            #expect(try second.object()["existing"] as? String == location)
            #expect((try second.object()["detail"] as? String)?.contains("already registered for \(id) (pending)") == true)
            // Withdraw, then register again
            #expect(try await app.send(.post, location + "/withdraw", token: org.token).status == .ok)
            #expect(try await app.registerFor(id, org).status == .created)
            #expect(try await app.count("event_registration") == 2)
        }
    }

    @Test("staff approve or reject with a reason; the stakeholder withdraws; illegal moves are 409")
    func decisions() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let a = try await app.registerApproved(["name": "Org A"])
            let b = try await app.registerApproved(["name": "Org B"])
            let regA = try await app.registerFor(id, a).headers[.location]!
            let regB = try await app.registerFor(id, b).headers[.location]!

            #expect(try await app.send(.post, regA + "/approve", token: a.token).isProblem(403))
            let approvedA = try await app.send(.post, regA + "/approve", token: app.staffKey, json: ["reason": " "]).object()
            #expect(approvedA["status"] as? String == "approved")
            #expect(approvedA["status_reason"] == nil)   // a blank reason is no reason
            #expect(try await app.send(.post, regB + "/reject", token: app.staffKey).problemFields() == ["reason"])
            let rejected = try await app.send(.post, regB + "/reject", token: app.staffKey, json: ["reason": "Not relevant to the agenda"]).object()
            #expect(rejected["status"] as? String == "rejected")
            #expect(rejected["status_reason"] as? String == "Not relevant to the agenda")
            #expect(try await app.send(.post, regB + "/approve", token: app.staffKey).isProblem(409))
            #expect(try await app.send(.post, regB + "/withdraw", token: b.token).isProblem(409))
            // B may not touch A's registration: for B it does not exist
            #expect(try await app.send(.post, regA + "/withdraw", token: b.token).isProblem(404))
            #expect(try await app.send(.post, regA + "/withdraw", token: a.token).object()["status"] as? String == "withdrawn")
        }
    }

    @Test("a stakeholder sees only its own registrations; API keys see all; the public none")
    func scopedVisibility() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let a = try await app.registerApproved(["name": "Org A"])
            let b = try await app.registerApproved(["name": "Org B"])
            let regA = try await app.registerFor(id, a).headers[.location]!
            _ = try await app.registerFor(id, b)

            let ownList = try await app.send(.get, "/v1/events/\(id)/registrations", token: a.token).items()
            #expect(ownList.map { $0["stakeholder_id"] as? String } == [a.id])
            #expect(try await app.send(.get, "/v1/events/\(id)/registrations?stakeholder_id=\(b.id)", token: a.token).isProblem(403))
            #expect(try await app.send(.get, regA, token: b.token).isProblem(404))
            #expect(try await app.send(.get, regA, token: a.token).status == .ok)
            #expect(try await app.send(.get, "/v1/events/\(id)/registrations").isProblem(401))
            #expect(try await app.send(.get, regA).isProblem(401))

            let all = try await app.send(.get, "/v1/events/\(id)/registrations", token: app.readerKey).items()
            #expect(Set(all.map { $0["stakeholder_id"] as! String }) == [a.id, b.id])
            let filtered = try await app.send(.get, "/v1/events/\(id)/registrations?status=pending&stakeholder_id=\(b.id)", token: app.readerKey).items()
            #expect(filtered.map { $0["stakeholder_id"] as? String } == [b.id])
            // Participant data appears only to those callers, never on the public event
            #expect(try await app.send(.get, "/v1/events/\(id)").bodyText.contains("participant0@example.org") == false)

            // The CSV: one row per participant, for API keys only
            let csv = try await app.send(.get, "/v1/events/\(id)/registrations.csv", token: app.readerKey)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.bodyText.split(separator: "\r\n")
            #expect(lines.count == 5)
            #expect(lines.first?.hasPrefix("registration_id,stakeholder_id,organisation_name,organisation_kind,organisation_country,organisation_region,status,participant_name,participant_email") == true)
            #expect(csv.bodyText.contains("participant1@example.org"))
            #expect(try await app.send(.get, "/v1/events/\(id)/registrations.csv", token: a.token).isProblem(403))
        }
    }

    @Test("postponed, then rescheduled: registrations carry over and nobody registers twice")
    func postponeKeepsRegistrations() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let registration = try await app.registerFor(id, org).headers[.location]!
            #expect(try await app.send(.post, registration + "/approve", token: app.staffKey).status == .ok)

            // When the event is postponed without dates and later rescheduled
            #expect(try await app.lifecycle(id, "postpone", ["reason": "COVID-19"]).status == .ok)
            #expect(try await app.lifecycle(id, "reschedule", ["starts_on": "2028-03-07", "ends_on": "2028-03-12"]).status == .ok)

            // Then the registration is still there and still approved
            let kept = try await app.send(.get, registration, token: org.token).object()
            #expect(kept["status"] as? String == "approved")
            // And registering again is refused, pointing at it
            let again = try await app.registerFor(id, org)
            #expect(again.isProblem(409))
            #expect(try again.object()["existing"] as? String == registration)
            #expect(try await app.count("event_registration") == 1)
        }
    }

    @Test("cancelling closes pending registrations and applications with the reason; nothing more can be registered")
    func cancelClosesPending() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let a = try await app.registerApproved(["name": "Org A"])
            let b = try await app.registerApproved(["name": "Org B"])
            let pending = try await app.registerFor(id, a)
            let approved = try await app.registerFor(id, b)
            let approvedPath = approved.headers[.location]!
            #expect(try await app.send(.post, approvedPath + "/approve", token: app.staffKey).status == .ok)
            let application = try await app.send(.post, "/v1/events/\(id)/side-event-applications", token: a.token, json: TestHarness.applicationBody(a.id))
            try #require(application.status == .created)

            // When staff cancel the event
            #expect(try await app.lifecycle(id, "cancel", ["reason": "Cancelled by decision of the Bureau"]).status == .ok)

            // Then the pending registration and the open application are closed with that reason
            let closed = try await app.send(.get, pending.headers[.location]!, token: a.token).object()
            #expect(closed["status"] as? String == "closed")
            #expect(closed["status_reason"] as? String == "Cancelled by decision of the Bureau")
            #expect(try await app.registrationStatus(try pending.object()["id"] as! String) == "closed")
            let closedApplication = try await app.send(.get, application.headers[.location]!, token: a.token).object()
            #expect(closedApplication["status"] as? String == "closed")
            // The approved one stays approved (its holders learn of the cancellation from the event)
            #expect(try await app.send(.get, approvedPath, token: b.token).object()["status"] as? String == "approved")
            // And nothing new can be registered or decided
            let c = try await app.registerApproved(["name": "Org C"])
            #expect(try await app.registerFor(id, c).isProblem(409))
            #expect(try await app.send(.post, approvedPath + "/withdraw", token: b.token).isProblem(409))
        }
    }
}
