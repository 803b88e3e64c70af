import Foundation
import HTTPTypes
import Testing

@Suite("Side-event organisers")
struct SideEventOrganizerTests {
    @Test("a side event shows its organiser and the co-organisers who did not decline, publicly, by ID and name")
    func organizers() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an application by one organisation with two co-organisers, one of whom declines
            let session = try await app.createEvent()["id"] as! String
            let organizer = try await app.registerApproved(["name": "Survivors' Network"])
            let partner = try await app.registerApproved(["name": "Partner University"])
            let declining = try await app.registerApproved(["name": "Busy Foundation"])
            let submitted = try await app.send(.post, "/v1/events/\(session)/side-event-applications", token: organizer.token,
                                               json: TestHarness.applicationBody(organizer.id, ["co_organizers": [declining.id, partner.id]]))
            let path = try #require(submitted.headers[.location])
            #expect(try await app.send(.post, path + "/co-organizer-consent", token: declining.token, json: ["consent": "declined"]).status == .ok)
            #expect(try await app.send(.post, path + "/co-organizer-consent", token: partner.token, json: ["consent": "confirmed"]).status == .ok)

            // When staff approve it and create the side event
            let approved = try await app.send(.post, path + "/approve", token: app.staffKey, json: ["create_event": true])
            let sideEvent = try #require(try approved.object()["side_event_id"] as? String)

            // Then anyone sees who organises it, the organiser first
            let organizers = try await app.send(.get, "/v1/events/\(sideEvent)/organizers").items()
            #expect(organizers.map { $0["stakeholder_id"] as? String } == [organizer.id, partner.id])
            #expect(organizers.map { $0["name"] as? String } == ["Survivors' Network", "Partner University"])
            #expect(organizers.map { $0["role"] as? String } == ["organizer", "co_organizer"])
            // An organisation that is suspended no longer shows (the public does not see it)
            #expect(try await app.send(.post, "/v1/stakeholders/\(partner.id)/suspend", token: app.staffKey, json: ["reason": "Under review"]).status == .ok)
            #expect(try await app.send(.get, "/v1/events/\(sideEvent)/organizers").items().map { $0["stakeholder_id"] as? String } == [organizer.id])
            // The session itself is organised by the Secretariat: nobody listed; an unknown event is 404
            #expect(try await app.send(.get, "/v1/events/\(session)/organizers").items().isEmpty)
            #expect(try await app.send(.get, "/v1/events/evt_00000000000000000000/organizers").isProblem(404))
            #expect(try await app.send(.get, "/v1/events/\(sideEvent)/organizers?x=1").isProblem(400))
        }
    }
}
