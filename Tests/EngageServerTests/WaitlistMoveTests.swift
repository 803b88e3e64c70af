import Foundation
import HTTPTypes
import Testing

/// A place on a waiting list that changes is told, with the place before and the reason.
@Suite("Workshops: moves on the waiting list are told")
struct WaitlistMoveTests {
    /// The `workshop_enrolment.waitlist_moved` messages in the outbox, oldest first, as (enrolment, before, after, reason).
    private func moves(_ app: TestHarness) async throws -> [(id: String, from: Int, to: Int, reason: String)] {
        try await app.database.rows(
            "SELECT body FROM notification_message WHERE type = ? ORDER BY seq", [.text("workshop_enrolment.waitlist_moved")]
        ).map { row in
            let body = try #require(try JSONSerialization.jsonObject(with: Data((row.string("body") ?? "").utf8)) as? [String: Any])
            let data = try #require(body["data"] as? [String: Any])
            let previous = try #require(body["previous"] as? [String: Any])
            return (try #require(data["id"] as? String), try #require(previous["waitlist_position"] as? Int),
                    try #require(data["waitlist_position"] as? Int), try #require(body["reason"] as? String))
        }
    }

    @Test("a priority applicant ahead, a cancellation ahead and a promotion each tell those who moved, and only them")
    func movesAreTold() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given the Secretariat's endpoint, and a full workshop (capacity 2, priority country PE) with two people waiting
            let hook = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": "https://hooks.example.org/secretariat"])
            try #require(hook.status == .created)
            let id = try await app.createWorkshop()
            let mexico = try await app.registerApproved(["name": "Org MX", "country": "MX"])
            let peru = try await app.registerApproved(["name": "Org PE", "country": "PE"])
            let first = try await app.enrol(id, mexico, email: "a@example.org").object()
            _ = try await app.enrol(id, mexico, email: "b@example.org")
            let third = try #require(try await app.enrol(id, mexico, email: "c@example.org").object()["id"] as? String)
            let fourth = try #require(try await app.enrol(id, mexico, email: "e@example.org").object()["id"] as? String)
            #expect(try await moves(app).isEmpty)

            // When an applicant from the priority country joins, both waiting move down one place
            let priority = try #require(try await app.enrol(id, peru, email: "d@example.org").object()["id"] as? String)
            var told = try await moves(app)
            #expect(told.map { "\($0.id) \($0.from)→\($0.to)" } == ["\(third) 1→2", "\(fourth) 2→3"])
            #expect(told.allSatisfy { $0.reason.contains("priority country") })

            // When a waiting applicant ahead cancels, the one behind moves up
            _ = try await app.send(.post, "/v1/workshops/\(id)/enrolments/\(third)/cancel", token: mexico.token)
            told = try await moves(app)
            #expect(told.dropFirst(2).map { "\($0.id) \($0.from)→\($0.to)" } == ["\(fourth) 3→2"])
            #expect(told.last?.reason.contains("cancelled") == true)

            // When a seat comes free, the priority applicant is promoted and the last one moves up again
            _ = try await app.send(.post, "/v1/workshops/\(id)/enrolments/\(first["id"] as! String)/cancel", token: mexico.token)
            told = try await moves(app)
            #expect(told.dropFirst(3).map { "\($0.id) \($0.from)→\($0.to)" } == ["\(fourth) 2→1"])
            #expect(told.last?.reason.contains("given a seat") == true)
            // The promoted one is told it was promoted, not that it moved
            #expect(!told.contains { $0.id == priority })

            // And each move is written for the participant's mail too, with both places
            let mails = try await app.database.rows(
                "SELECT context FROM mail_delivery WHERE type = ? AND role = ? ORDER BY seq", [.text("workshop_enrolment.waitlist_moved"), .text("participant")])
            #expect(mails.count == 4)
            #expect(mails.last?.string("context")?.contains("\"previous_position\":2") == true)
        }
    }
}
