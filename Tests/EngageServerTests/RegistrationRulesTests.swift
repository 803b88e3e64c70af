import Foundation
import HTTPTypes
import Testing

@Suite("Registration windows end with the event; a postponed event pauses registration")
struct RegistrationRulesTests {
    @Test("a window that closes after the event ends is refused, naming it, and nothing is stored")
    func windowsCloseByTheEnd() async throws {
        try await TestHarness.run { app in
            // The event ends on 2027-10-15 in Vienna: the next day begins at 2027-10-15T22:00:00Z
            let late = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event([
                "registration": ["opens_at": "2027-01-01T00:00:00Z", "closes_at": "2027-10-15T22:00:01Z"],
                "side_event_applications": ["opens_at": "2027-02-01T00:00:00Z", "closes_at": "2028-01-01T00:00:00Z"],
            ]))
            #expect(late.isProblem(422))
            #expect(Set(try late.problemFields()) == ["registration.closes_at", "side_event_applications.closes_at"])
            #expect(try await app.count("event") == 0)
            let onTheDot = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event([
                "registration": ["opens_at": "2027-01-01T00:00:00Z", "closes_at": "2027-10-15T22:00:00Z"],
            ]))
            #expect(onTheDot.status == .created)
            // A patch that moves the dates before the window's end is refused too
            let id = try onTheDot.object()["id"] as! String
            #expect(try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["starts_on": "2027-05-01", "ends_on": "2027-05-02"])
                .problemFields() == ["registration.closes_at"])
        }
    }

    @Test("registering while the event is postponed is refused unless staff keep registration open")
    func postponed() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let org = try await app.registerApproved()
            let paused = try await app.createEvent()["id"] as! String
            #expect(try await app.lifecycle(paused, "postpone", ["reason": "To be decided"]).status == .ok)
            let refused = try await app.send(.post, "/v1/events/\(paused)/registrations", token: org.token, json: TestHarness.registrationBody(org.id))
            #expect(refused.isProblem(409))
            #expect((try refused.object()["detail"] as? String ?? "").contains("postponed"))
            #expect(try await app.count("event_registration") == 0)

            // Staff keep it open: registration goes on
            let open = try await app.createEvent(["registration": [
                "opens_at": "2027-01-01T00:00:00Z", "closes_at": "2027-09-01T00:00:00Z", "open_while_postponed": true,
            ]])
            #expect((open["registration"] as? [String: Any])?["open_while_postponed"] as? Bool == true)
            let openID = open["id"] as! String
            #expect(try await app.lifecycle(openID, "postpone", ["reason": "To be decided"]).status == .ok)
            #expect(try await app.send(.post, "/v1/events/\(openID)/registrations", token: org.token,
                                       json: TestHarness.registrationBody(org.id)).status == .created)
        }
    }
}
