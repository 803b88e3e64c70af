import EngageCore
import EngageDomain
import EngageServer
import Foundation
import HummingbirdTesting
import Synchronization
import Testing

/// A clock the test moves by hand, to stand exactly on a window's edges.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: String) {
        current = Mutex(Timestamp.parse(start)!)
    }

    func set(_ text: String) {
        current.withLock { $0 = Timestamp.parse(text)! }
    }

    var source: TimeSource {
        TimeSource { [self] in current.withLock { $0 } }
    }
}

extension TestHarness {
    // MARK: Events

    /// A valid event body, with overrides (`NSNull()` for an explicit null).
    static func event(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "title": "Conference of the Parties to UNTOC, 13th session",
            "kind": "cop_untoc",
            "session_number": 13,
            "description": "Review of the implementation of the Convention against Transnational Organized Crime.",
            "starts_on": "2027-10-11",
            "ends_on": "2027-10-15",
            "timezone": "Europe/Vienna",
            "format": "hybrid",
            "location": ["venue": "Vienna International Centre", "city": "Vienna", "country": "AT"],
            "registration": ["opens_at": "2027-01-01T00:00:00Z", "closes_at": "2027-09-01T00:00:00Z", "max_participants_per_stakeholder": 3],
            "side_event_applications": ["opens_at": "2027-02-01T00:00:00Z", "closes_at": "2027-05-01T00:00:00Z"],
        ]
        // An event that ends before the default windows close (September 2027) has none, unless given.
        if let end = overrides["ends_on"] as? String, end < "2027-09-01" {
            for window in ["registration", "side_event_applications"] where overrides[window] == nil { body[window] = nil }
        }
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Creates an event as staff and returns its JSON.
    @discardableResult
    func createEvent(_ overrides: [String: Any] = [:]) async throws -> [String: Any] {
        let response = try await send(.post, "/v1/events", token: staffKey, json: Self.event(overrides))
        try #require(response.status == .created, "event creation failed: \(response.bodyText)")
        return try response.object()
    }

    /// A lifecycle action as staff; returns the response.
    @discardableResult
    func lifecycle(_ eventID: String, _ action: String, _ body: [String: Any]? = nil) async throws -> TestResponse {
        try await send(.post, "/v1/events/\(eventID)/\(action)", token: staffKey, json: body)
    }

    // MARK: Registrations

    /// A registration body for `stakeholder` with `count` participants.
    static func registrationBody(_ stakeholder: String, participants count: Int = 2) -> [String: Any] {
        [
            "stakeholder_id": stakeholder,
            "participants": (0..<count).map { index in
                ["name": "Participant \(index)", "email": "participant\(index)@example.org", "role": index == 0 ? "head_of_delegation" : "delegate"]
            },
        ]
    }

    /// Registers `stakeholder` for an event with its token; returns the response.
    @discardableResult
    func registerFor(_ eventID: String, _ stakeholder: (id: String, token: String), participants: Int = 2) async throws -> TestResponse {
        try await send(.post, "/v1/events/\(eventID)/registrations", token: stakeholder.token, json: Self.registrationBody(stakeholder.id, participants: participants))
    }

    /// A side-event application body.
    static func applicationBody(_ organizer: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "stakeholder_id": organizer,
            "title": "Survivors' voices in the UNTOC review",
            "description": "A panel of survivor-led organisations on engaging with the Review Mechanism.",
            "format": "hybrid",
            "co_sponsors": ["MX", "it"],
            "preferred_dates": ["2027-10-13", "2027-10-12"],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// A new approved organisation applies, with its token, to organise a side event; returns the application's
    /// ID and the organiser.
    func applyForSideEvent(_ eventID: String, index: Int) async throws -> (id: String, organiser: (id: String, token: String)) {
        let organiser = try await registerApproved(["name": "Organiser \(index) \(UUID())"])
        let applied = try await send(.post, "/v1/events/\(eventID)/side-event-applications", token: organiser.token,
                                     json: Self.applicationBody(organiser.id, ["co_sponsors": []]))
        try #require(applied.status == .created, "\(applied.bodyText)")
        return (try applied.object()["id"] as! String, organiser)
    }

    /// The status of a registration straight from the database.
    func registrationStatus(_ id: String) async throws -> String? {
        try await database.scalar("SELECT status FROM event_registration WHERE id = ?", [.text(id)])
    }

    /// How many rows a table holds.
    func count(_ table: String) async throws -> Int {
        try await database.count(table)
    }
}
