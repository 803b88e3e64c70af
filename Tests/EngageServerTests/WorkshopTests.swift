import Foundation
import HTTPTypes
import Testing

@Suite("Workshops: enrolment, waiting list, attendance")
struct WorkshopTests {
    @Test("staff create a workshop; bad input names every bad field and stores nothing")
    func create() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/workshops", token: app.staffKey, json: TestHarness.workshop())
            #expect(response.status == .created)
            let json = try response.object()
            #expect(json["languages"] as? [String] == ["es", "en"])
            #expect(json["capacity"] as? Int == 2 && json["seats_available"] as? Int == 2 && json["waitlist_count"] as? Int == 0)
            #expect(json["project_id"] is NSNull && json["status"] as? String == "scheduled")
            #expect(try await app.send(.post, "/v1/workshops", token: app.readerKey, json: TestHarness.workshop()).isProblem(403))

            let bad = try await app.send(.post, "/v1/workshops", token: app.staffKey, json: TestHarness.workshop([
                "capacity": 0, "languages": ["xx"], "priority_countries": ["ZZ"], "project_id": "prj_00000000000000000000",
                "region": "europe", "objectives": [""], "enrolment": ["opens_at": "2027-03-01T00:00:00Z"],
            ]).filter { $0.key != "title" && $0.key != "ends_on" })
            #expect(Set(try bad.problemFields()) == [
                "title", "ends_on", "capacity", "languages[0]", "priority_countries[0]", "region", "objectives[0]", "enrolment.closes_at",
            ])
            let noProject = try await app.send(.post, "/v1/workshops", token: app.staffKey, json: TestHarness.workshop(["project_id": "prj_00000000000000000000"]))
            #expect(try noProject.problemFields() == ["project_id"])
            #expect(try await app.count("workshop") == 1)
        }
    }

    @Test("a workshop's website is set, changed in the history, cleared, and checked")
    func website() async throws {
        try await TestHarness.run { app in
            // Given a workshop created with its page
            let id = try await app.createWorkshop(["website": "https://www.unodc.org/se4u"])
            #expect(try await app.send(.get, "/v1/workshops/\(id)").object()["website"] as? String == "https://www.unodc.org/se4u")
            // When staff change it, the change is stored and named in the history
            let changed = try await app.send(.patch, "/v1/workshops/\(id)", token: app.staffKey, json: ["website": "https://example.org/training"])
            #expect(changed.status == .ok)
            #expect(try await app.database.scalar("SELECT website FROM workshop WHERE id = ?", [.text(id)]) == "https://example.org/training")
            let history = try await app.send(.get, "/v1/workshops/\(id)/history", token: app.staffKey).items()
            #expect(history.last?["changed_fields"] as? [String] == ["website"])
            // A URL that is not http(s) is refused and changes nothing
            let bad = try await app.send(.patch, "/v1/workshops/\(id)", token: app.staffKey, json: ["website": "javascript:alert(1)"])
            #expect(try bad.problemFields() == ["website"])
            // An empty string clears it
            #expect(try await app.send(.patch, "/v1/workshops/\(id)", token: app.staffKey, json: ["website": ""]).object()["website"] is NSNull)
        }
    }

    @Test("seats first, then the waiting list with priority countries ahead; a cancellation promotes the first in line")
    func waitingList() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop()  // capacity 2, priority: PE
            let mexico = try await app.registerApproved(["name": "Org MX", "country": "MX"])
            let peru = try await app.registerApproved(["name": "Org PE", "country": "PE"])

            let first = try await app.enrol(id, mexico, email: "a@example.org").object()
            let second = try await app.enrol(id, mexico, email: "b@example.org").object()
            let third = try await app.enrol(id, mexico, email: "c@example.org").object()
            #expect([first, second, third].map { $0["status"] as? String } == ["confirmed", "confirmed", "waitlisted"])
            #expect(third["waitlist_position"] as? Int == 1)
            // A later applicant from a priority country goes ahead of the earlier one
            let priority = try await app.enrol(id, peru, email: "d@example.org").object()
            #expect(priority["status"] as? String == "waitlisted" && priority["priority"] as? Bool == true)
            #expect(priority["waitlist_position"] as? Int == 1)
            let thirdNow = try await app.send(.get, "/v1/workshops/\(id)/enrolments/\(third["id"] as! String)", token: app.readerKey).object()
            #expect(thirdNow["waitlist_position"] as? Int == 2)

            // When a confirmed participant cancels, the priority applicant takes the seat, in the same transaction
            let cancelled = try await app.send(.post, "/v1/workshops/\(id)/enrolments/\(first["id"] as! String)/cancel", token: mexico.token)
            #expect(try cancelled.object()["status"] as? String == "cancelled")
            let promoted = try await app.send(.get, "/v1/workshops/\(id)/enrolments/\(priority["id"] as! String)", token: peru.token).object()
            #expect(promoted["status"] as? String == "confirmed")
            #expect(promoted["promoted_at"] is String && promoted["waitlist_position"] is NSNull)
            let workshop = try await app.send(.get, "/v1/workshops/\(id)").object()
            #expect(workshop["confirmed_count"] as? Int == 2 && workshop["waitlist_count"] as? Int == 1 && workshop["seats_available"] as? Int == 0)
            #expect(try await app.send(.post, "/v1/workshops/\(id)/enrolments/\(first["id"] as! String)/cancel", token: mexico.token).isProblem(409))
        }
    }

    @Test("raising the capacity promotes as many as fit; lowering it below the confirmed count is a 409")
    func capacity() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved()
            for email in ["a@example.org", "b@example.org", "c@example.org", "d@example.org"] { try await app.enrol(id, org, email: email) }
            let raised = try await app.send(.patch, "/v1/workshops/\(id)", token: app.staffKey, json: ["capacity": 3]).object()
            #expect(raised["confirmed_count"] as? Int == 3 && raised["waitlist_count"] as? Int == 1)
            let confirmed = try await app.send(.get, "/v1/workshops/\(id)/enrolments?status=confirmed", token: app.readerKey).items()
            #expect(confirmed.map { ($0["participant"] as? [String: Any])?["email"] as? String } == ["a@example.org", "b@example.org", "c@example.org"])
            let lowered = try await app.send(.patch, "/v1/workshops/\(id)", token: app.staffKey, json: ["capacity": 2])
            #expect(lowered.isProblem(409))
            #expect(try await app.send(.get, "/v1/workshops/\(id)").object()["capacity"] as? Int == 3)
        }
    }

    @Test("concurrent enrolments for the last seat: exactly one is confirmed")
    func lastSeatRace() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved()
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<8 {
                    group.addTask { try await app.enrol(id, org, email: "racer\(index)@example.org").object()["status"] as? String ?? "?" }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == "confirmed" }.count == 1)
            #expect(statuses.filter { $0 == "waitlisted" }.count == 7)
            let positions = try await app.send(.get, "/v1/workshops/\(id)/enrolments?status=waitlisted", token: app.readerKey).items()
                .compactMap { $0["waitlist_position"] as? Int }
            #expect(positions.sorted() == Array(1...7))
        }
    }

    @Test("enrolment is open from opens_at to closes_at, for approved stakeholders, once per person")
    func enrolmentRules() async throws {
        let clock = ManualClock("2027-02-28T23:59:59Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop()
            let org = try await app.registerApproved()
            let pending = try await app.register(["name": "Pending Org"])
            #expect(try await app.enrol(id, org, email: "a@example.org").isProblem(409))
            clock.set("2027-03-01T00:00:00Z")
            let first = try await app.enrol(id, org, email: "a@example.org")
            #expect(first.status == .created)
            let again = try await app.enrol(id, org, email: "A@example.org")
            #expect(again.isProblem(409))
            #expect(try again.object()["existing"] as? String == first.headers[.location])
            #expect(try await app.enrol(id, pending, email: "p@example.org").isProblem(409))
            // The same person through another organisation: refused, without revealing the other's enrolment
            let other = try await app.registerApproved(["name": "Other Org"])
            let elsewhere = try await app.enrol(id, other, email: "a@example.org")
            #expect(elsewhere.isProblem(409))
            #expect(try elsewhere.object()["existing"] == nil)
            let bad = try await app.send(.post, "/v1/workshops/\(id)/enrolments", token: org.token,
                                         json: ["stakeholder_id": org.id, "participant": ["name": "", "email": "nope", "age": 3]])
            #expect(Set(try bad.problemFields()) == ["participant.name", "participant.email", "participant.age"])
            clock.set("2027-04-01T00:00:00Z")
            #expect(try await app.enrol(id, org, email: "late@example.org").isProblem(409))
            #expect(try await app.count("workshop_enrolment") == 1)
        }
    }

    @Test("a stakeholder sees only its own enrolments; participant data never appears publicly")
    func scopedVisibility() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop(["capacity": 5])
            let a = try await app.registerApproved(["name": "Org A"]), b = try await app.registerApproved(["name": "Org B"])
            let mine = try await app.enrol(id, a, email: "a@example.org").headers[.location]!
            try await app.enrol(id, b, email: "b@example.org")
            #expect(try await app.send(.get, "/v1/workshops/\(id)/enrolments", token: a.token).items().map { $0["stakeholder_id"] as? String } == [a.id])
            #expect(try await app.send(.get, mine, token: b.token).isProblem(404))
            #expect(try await app.send(.post, mine + "/cancel", token: b.token).isProblem(404))
            #expect(try await app.send(.get, "/v1/workshops/\(id)/enrolments").isProblem(401))
            #expect(try await app.send(.get, "/v1/workshops/\(id)").bodyText.contains("a@example.org") == false)
            let csv = try await app.send(.get, "/v1/workshops/\(id)/enrolments.csv", token: app.readerKey)
            #expect(csv.bodyText.split(separator: "\r\n").count == 3)
            #expect(try await app.send(.get, "/v1/workshops/\(id)/enrolments.csv", token: a.token).isProblem(403))
        }
    }

    @Test("staff record attendance of confirmed participants once the workshop has begun")
    func attendance() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved()
            let seat = try await app.enrol(id, org, email: "a@example.org").headers[.location]!
            let waiting = try await app.enrol(id, org, email: "b@example.org").headers[.location]!
            #expect(try await app.send(.patch, seat, token: app.staffKey, json: ["attended": true]).isProblem(409))   // not begun
            clock.set("2027-04-07T08:00:00Z")
            #expect(try await app.send(.patch, seat, token: org.token, json: ["attended": true]).isProblem(403))
            #expect(try await app.send(.patch, seat, token: app.staffKey, json: ["attended": "yes"]).problemFields() == ["attended"])
            let marked = try await app.send(.patch, seat, token: app.staffKey, json: ["attended": true]).object()
            #expect(marked["attended"] as? Bool == true)
            #expect(try await app.send(.patch, waiting, token: app.staffKey, json: ["attended": true]).isProblem(409))
        }
    }

    @Test("cancelling a workshop cancels its seats and waiting list")
    func cancelWorkshop() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved()
            let seat = try await app.enrol(id, org, email: "a@example.org").headers[.location]!
            let waiting = try await app.enrol(id, org, email: "b@example.org").headers[.location]!
            #expect(try await app.send(.post, "/v1/workshops/\(id)/cancel", token: app.staffKey, json: ["reason": "No funding"]).status == .ok)
            #expect(try await app.send(.get, seat, token: org.token).object()["status"] as? String == "cancelled")
            #expect(try await app.send(.get, waiting, token: org.token).object()["status"] as? String == "cancelled")
            let workshop = try await app.send(.get, "/v1/workshops/\(id)").object()
            #expect(workshop["confirmed_count"] as? Int == 0 && workshop["waitlist_count"] as? Int == 0)
            #expect(try await app.enrol(id, org, email: "c@example.org").isProblem(409))
        }
    }

    @Test("workshops are postponed, rescheduled and completed like events, with history")
    func lifecycle() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createWorkshop()
            let postponed = try await app.send(.post, "/v1/workshops/\(id)/postpone", token: app.staffKey, json: ["reason": "Trainer unavailable"]).object()
            #expect(postponed["status"] as? String == "postponed" && postponed["starts_on"] is NSNull)
            #expect(try await app.send(.post, "/v1/workshops/\(id)/complete", token: app.staffKey).isProblem(409))
            _ = try await app.send(.post, "/v1/workshops/\(id)/reschedule", token: app.staffKey, json: ["starts_on": "2027-07-07", "ends_on": "2027-07-08"])
            clock.set("2027-07-09T09:00:00Z")
            #expect(try await app.send(.post, "/v1/workshops/\(id)/complete", token: app.staffKey).object()["status"] as? String == "completed")
            #expect(try await app.send(.post, "/v1/workshops/\(id)/reschedule", token: app.staffKey,
                                       json: ["starts_on": "2027-08-01", "ends_on": "2027-08-02"]).isProblem(409))
            let history = try await app.send(.get, "/v1/workshops/\(id)/history", token: app.readerKey).items()
            #expect(history.map { $0["action"] as? String } == ["created", "postponed", "rescheduled", "completed"])
            #expect(history[1]["reason"] as? String == "Trainer unavailable")
        }
    }
}
