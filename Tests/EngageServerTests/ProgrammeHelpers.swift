import Foundation
import HummingbirdTesting
import Testing

extension TestHarness {
    // MARK: Workshops

    /// A valid workshop body: an SE4U training with enrolment open in March 2027, with overrides.
    static func workshop(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "title": "Stakeholder Engagement for UNTOC (SE4U): regional workshop",
            "series": "SE4U",
            "objectives": ["Understand the UNTOC Review Mechanism", "Engage constructively with Member States"],
            "region": "latin_america_caribbean",
            "starts_on": "2027-04-07", "ends_on": "2027-04-08",
            "timezone": "America/Mexico_City",
            "format": "online",
            "languages": ["es", "EN"],
            "capacity": 2,
            "enrolment": ["opens_at": "2027-03-01T00:00:00Z", "closes_at": "2027-04-01T00:00:00Z"],
            "priority_countries": ["PE"],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Creates a workshop as staff; returns its ID.
    func createWorkshop(_ overrides: [String: Any] = [:]) async throws -> String {
        let response = try await send(.post, "/v1/workshops", token: staffKey, json: Self.workshop(overrides))
        try #require(response.status == .created, "workshop creation failed: \(response.bodyText)")
        return try response.object()["id"] as! String
    }

    /// `count` new approved organisations, each registered for `event` and enrolled in `workshop`, in this order;
    /// returns the registration and enrolment IDs.
    func registeredAndEnrolled(_ count: Int, event: String, workshop: String) async throws -> (registrations: [String], enrolments: [String]) {
        var registrations: [String] = [], enrolments: [String] = []
        for index in 0..<count {
            let organisation = try await registerApproved(["name": "Organisation \(index) \(UUID())"])
            let registered = try await registerFor(event, organisation)
            try #require(registered.status == .created, "\(registered.bodyText)")
            registrations.append(try registered.object()["id"] as! String)
            let enrolled = try await enrol(workshop, organisation, email: "trainee\(index)@example.org")
            try #require(enrolled.status == .created, "\(enrolled.bodyText)")
            enrolments.append(try enrolled.object()["id"] as! String)
        }
        return (registrations, enrolments)
    }

    /// Enrols a participant of `stakeholder` with its token; returns the response.
    @discardableResult
    func enrol(_ workshop: String, _ stakeholder: (id: String, token: String), email: String) async throws -> TestResponse {
        try await send(.post, "/v1/workshops/\(workshop)/enrolments", token: stakeholder.token, json: [
            "stakeholder_id": stakeholder.id,
            "participant": ["name": "Participant \(email)", "email": email, "position": "Programme officer"],
        ])
    }

    // MARK: Pilot initiatives

    static func pilot(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "title": "Pilot initiative: Peru ahead of its constructive dialogue",
            "country": "PE",
            "summary": "National authorities, civil society, academia and the private sector prepare together.",
            "priorities": ["trafficking_in_persons", "smuggling_of_migrants"],
            "national_authorities": [["name": "Ministerio del Interior", "role": "focal point"], ["name": "Ministerio Público"]],
            "starts_on": "2027-01-15",
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    func createPilot(_ overrides: [String: Any] = [:]) async throws -> String {
        let response = try await send(.post, "/v1/pilot-initiatives", token: staffKey, json: Self.pilot(overrides))
        try #require(response.status == .created, "pilot creation failed: \(response.bodyText)")
        return try response.object()["id"] as! String
    }
}
