import Foundation
import HTTPTypes
import Testing

@Suite("Events: postpone, reschedule, cancel, complete")
struct EventLifecycleTests {
    @Test("postponed to no date, rescheduled, with who, when and why in the history")
    func postponeAndReschedule() async throws {
        try await TestHarness.run { app in
            let id = try await app.createEvent()["id"] as! String
            // When staff postpone without new dates
            let postponed = try await app.lifecycle(id, "postpone", ["reason": "Postponed to an as yet undetermined later date"])
            #expect(postponed.status == .ok)
            let json = try postponed.object()
            // Then the event is postponed with no dates at all
            #expect(json["status"] as? String == "postponed")
            #expect(json["starts_on"] is NSNull)
            #expect(json["ends_on"] is NSNull)
            #expect(json["status_reason"] as? String == "Postponed to an as yet undetermined later date")
            // And it is listed after dated events and left out of the calendar
            #expect(try await app.send(.get, "/v1/events/\(id)/calendar.ics").isProblem(409))

            // A date change by PATCH is refused while postponed
            let patched = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["starts_on": "2028-01-01", "ends_on": "2028-01-02"])
            #expect(patched.isProblem(409))

            // When staff reschedule
            let rescheduled = try await app.lifecycle(id, "reschedule", ["starts_on": "2028-03-07", "ends_on": "2028-03-12"])
            let after = try rescheduled.object()
            #expect(after["status"] as? String == "scheduled")
            #expect(after["starts_on"] as? String == "2028-03-07")
            #expect(after["status_reason"] is NSNull)

            let history = try await app.send(.get, "/v1/events/\(id)/history", token: app.readerKey).items()
            #expect(history.map { $0["action"] as? String } == ["created", "postponed", "rescheduled"])
            #expect(history[1]["reason"] as? String == "Postponed to an as yet undetermined later date")
            #expect(history[1]["previous_starts_on"] as? String == "2027-10-11")
            #expect(history[1]["starts_on"] == nil)
            #expect(history[2]["from_status"] as? String == "postponed")
            #expect(history[2]["to_status"] as? String == "scheduled")
            #expect(history[2]["ends_on"] as? String == "2028-03-12")
            #expect((history[2]["actor"] as? String)?.hasPrefix("key_") == true)
            // The history is for API keys
            #expect(try await app.send(.get, "/v1/events/\(id)/history").isProblem(401))
        }
    }

    @Test("postponing to new dates keeps them")
    func postponeWithDates() async throws {
        try await TestHarness.run { app in
            let id = try await app.createEvent()["id"] as! String
            let json = try await app.lifecycle(id, "postpone", ["reason": "Venue unavailable", "starts_on": "2027-12-01", "ends_on": "2027-12-03"]).object()
            #expect(json["status"] as? String == "postponed")
            #expect(json["starts_on"] as? String == "2027-12-01")
        }
    }

    @Test("illegal transitions are 409 problems and change nothing", arguments: [
        (["cancel"], "reschedule"),
        (["cancel"], "postpone"),
        (["cancel"], "complete"),
        (["cancel"], "cancel"),
        (["complete"], "postpone"),
        (["complete"], "reschedule"),
        (["postpone"], "complete"),
    ])
    func illegal(setup: [String], action: String) async throws {
        // After the event began, so that completing it is allowed
        try await TestHarness.run(clock: ManualClock("2027-10-12T08:00:00Z").source) { app in
            let id = try await app.createEvent()["id"] as! String
            for step in setup {
                try #require(try await app.lifecycle(id, step, ["reason": "setup"].filter { _ in step != "complete" }).status == .ok)
            }
            let before = try await app.send(.get, "/v1/events/\(id)").object()
            let body: [String: Any] = switch action {
            case "reschedule": ["starts_on": "2028-01-01", "ends_on": "2028-01-02"]
            case "complete": [:]
            default: ["reason": "try"]
            }
            #expect(try await app.lifecycle(id, action, body).isProblem(409))
            let after = try await app.send(.get, "/v1/events/\(id)").object()
            #expect(after["status"] as? String == before["status"] as? String)
            #expect(after["updated_at"] as? String == before["updated_at"] as? String)
        }
    }

    @Test("an event cannot be completed before it begins, nor without dates")
    func completeTooEarly() async throws {
        let clock = ManualClock("2027-10-10T23:59:59Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String  // starts 2027-10-11
            let early = try await app.lifecycle(id, "complete")
            #expect(early.isProblem(409))
            let undated = try await app.createEvent(["starts_on": NSNull(), "ends_on": NSNull()])["id"] as! String
            #expect(try await app.lifecycle(undated, "complete").isProblem(409))
            clock.set("2027-10-11T00:00:00Z")
            #expect(try await app.lifecycle(id, "complete").status == .ok)
        }
    }

    @Test("lifecycle bodies are validated; only staff act")
    func lifecycleValidation() async throws {
        try await TestHarness.run { app in
            let id = try await app.createEvent()["id"] as! String
            #expect(try await app.lifecycle(id, "postpone", [:]).problemFields() == ["reason"])
            #expect(Set(try await app.lifecycle(id, "reschedule", ["starts_on": "2028-01-05"]).problemFields()) == ["ends_on"])
            #expect(try await app.lifecycle(id, "reschedule", ["starts_on": "2028-01-05", "ends_on": "2028-01-01"]).problemFields() == ["ends_on"])
            #expect(try await app.lifecycle(id, "cancel", ["reason": "", "extra": true]).problemFields() == ["reason", "extra"])
            #expect(try await app.send(.post, "/v1/events/\(id)/cancel", token: app.readerKey, json: ["reason": "x"]).isProblem(403))
            let stale = try await app.send(.post, "/v1/events/\(id)/complete", token: app.staffKey, headers: ["If-Match": "\"v9-full\""])
            #expect(stale.isProblem(412))
            #expect(try await app.send(.get, "/v1/events/\(id)").object()["status"] as? String == "scheduled")
        }
    }
}
