import Foundation
import HTTPTypes
import Testing

/// A lifecycle message tells each organisation what happens to its own registrations and enrolments,
/// and nobody else's.
@Suite("Lifecycle messages: each recipient's own affected items")
struct AffectedItemsTests {
    /// The messages of `type` in the outbox, each with the endpoints it goes to and its `affected` list.
    private func messages(_ app: TestHarness, _ type: String) async throws -> [(endpoints: [String], affected: [[String: String]]?)] {
        var result: [(endpoints: [String], affected: [[String: String]]?)] = []
        for row in try await app.database.rows("SELECT id, body FROM notification_message WHERE type = ? ORDER BY seq", [.text(type)]) {
            let body = try #require(try JSONSerialization.jsonObject(with: Data((row.string("body") ?? "").utf8)) as? [String: Any])
            let endpoints = try await app.database.rows(
                "SELECT endpoint_id FROM webhook_delivery WHERE message_id = ? ORDER BY endpoint_id", [.text(row.string("id") ?? "")]
            ).compactMap { $0.string("endpoint_id") }
            result.append((endpoints, body["affected"] as? [[String: String]]))
        }
        return result
    }

    private func endpoint(_ app: TestHarness, token: String, _ path: String) async throws -> String {
        let made = try await app.send(.post, "/v1/webhook-endpoints", token: token, json: ["url": "https://hooks.example.org/\(path)"])
        return try #require(try made.object()["id"] as? String)
    }

    @Test("a cancelled event tells each organisation its own registrations, with their status after: approved kept, pending closed")
    func eventCancelled() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given two organisations registered for an event, one approved, one pending, each with an endpoint
            let id = try #require(try await app.createEvent()["id"] as? String)
            let a = try await app.registerApproved(["name": "Org A"])
            let b = try await app.registerApproved(["name": "Org B"])
            let regA = try #require(try await app.registerFor(id, a).headers[.location])
            let regB = try #require(try await app.registerFor(id, b).headers[.location])
            #expect(try await app.send(.post, regA + "/approve", token: app.staffKey).status == .ok)
            let staff = try await endpoint(app, token: app.staffKey, "secretariat")
            let hookA = try await endpoint(app, token: a.token, "a")
            let hookB = try await endpoint(app, token: b.token, "b")

            // When staff cancel the event
            #expect(try await app.lifecycle(id, "cancel", ["reason": "Cancelled by the bureau"]).status == .ok)

            // Then the Secretariat gets the message without anyone's items, and each organisation its own
            let told = try await messages(app, "event.cancelled")
            #expect(told.count == 3)
            #expect(told.first { $0.endpoints == [staff] }?.affected == nil)
            let registrationA = String(regA.split(separator: "/").last!)
            let registrationB = String(regB.split(separator: "/").last!)
            #expect(told.first { $0.endpoints == [hookA] }?.affected == [["kind": "event_registration", "id": registrationA, "status": "approved"]])
            #expect(told.first { $0.endpoints == [hookB] }?.affected == [["kind": "event_registration", "id": registrationB, "status": "closed"]])
            // And what the message said is what the registration became
            #expect(try await app.registrationStatus(registrationB) == "closed")
        }
    }

    @Test("a workshop moved by a PATCH or cancelled tells each organisation its enrolments, with their status after")
    func workshopCancelled() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let workshop = try await app.createWorkshop(["capacity": 1])
            let org = try await app.registerApproved(["name": "Org W"])
            let seat = try #require(try await app.enrol(workshop, org, email: "a@example.org").object()["id"] as? String)
            let waiting = try #require(try await app.enrol(workshop, org, email: "b@example.org").object()["id"] as? String)
            let hook = try await endpoint(app, token: org.token, "w")

            // New dates set by a PATCH tell the same, each enrolment keeping its status
            let moved = try await app.send(.patch, "/v1/workshops/\(workshop)", token: app.staffKey, json: ["starts_on": "2027-04-14", "ends_on": "2027-04-15"])
            #expect(moved.status == .ok)
            #expect(try await messages(app, "workshop.rescheduled").first?.affected == [
                ["kind": "workshop_enrolment", "id": seat, "status": "confirmed"],
                ["kind": "workshop_enrolment", "id": waiting, "status": "waitlisted"],
            ])

            #expect(try await app.send(.post, "/v1/workshops/\(workshop)/cancel", token: app.staffKey, json: ["reason": "No trainer"]).status == .ok)

            let told = try await messages(app, "workshop.cancelled")
            #expect(told.map(\.endpoints) == [[hook]])
            #expect(told.first?.affected == [
                ["kind": "workshop_enrolment", "id": seat, "status": "cancelled"],
                ["kind": "workshop_enrolment", "id": waiting, "status": "cancelled"],
            ])
        }
    }
}
