import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("updated_since on every list; events by project; projects by q and donor")
struct SyncFilterTests {
    @Test("updated_since keeps what changed at or after the instant, on every top-level list")
    func updatedSince() async throws {
        let clock = ManualClock("2027-03-01T09:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given two of each kind of record, made on 1 March; the first of each changed on 3 March
            let staff = app.staffKey
            let kinds: [(path: String, create: () async throws -> String, change: (String) async throws -> Void)] = [
                ("/v1/events", { try await app.createEvent()["id"] as! String },
                 { id in try #require(try await app.send(.patch, "/v1/events/\(id)", token: staff, json: ["description": "Changed."]).status == .ok) }),
                ("/v1/workshops", { try await app.createWorkshop() },
                 { id in try #require(try await app.send(.patch, "/v1/workshops/\(id)", token: staff, json: ["capacity": 30]).status == .ok) }),
                ("/v1/pilot-initiatives", { try await app.createPilot() },
                 { id in try #require(try await app.send(.patch, "/v1/pilot-initiatives/\(id)", token: staff, json: ["summary": "Changed."]).status == .ok) }),
                ("/v1/projects", { try await app.send(.post, "/v1/projects", token: staff, json: ["title": "Project \(UUID())"]).object()["id"] as! String },
                 { id in try #require(try await app.send(.patch, "/v1/projects/\(id)", token: staff, json: ["donors": ["Norway"]]).status == .ok) }),
                ("/v1/resources", { try await app.send(.post, "/v1/resources", token: staff, json: [
                    "kind": "guide", "title": "Guide \(UUID())", "url": "https://www.unodc.org/guide"]).object()["id"] as! String },
                 { id in try #require(try await app.send(.patch, "/v1/resources/\(id)", token: staff, json: ["publisher": "UNODC"]).status == .ok) }),
                ("/v1/stakeholders", { try await app.registerApproved(["name": "Organisation \(UUID())"]).id },
                 { id in try #require(try await app.send(.patch, "/v1/stakeholders/\(id)", token: staff, json: ["description": "Changed."]).status == .ok) }),
                ("/v1/contact-points", { try await app.send(.post, "/v1/contact-points", token: staff, json: [
                    "name": "Office", "email": "office-\(UUID())@unodc.example"]).object()["id"] as! String },
                 { id in try #require(try await app.send(.patch, "/v1/contact-points/\(id)", token: staff, json: ["role": "Focal point"]).status == .ok) }),
                ("/v1/webhook-endpoints", { try await app.send(.post, "/v1/webhook-endpoints", token: staff, json: [
                    "url": "https://hooks.example.org/\(UUID())"]).object()["id"] as! String },
                 { id in try #require(try await app.send(.patch, "/v1/webhook-endpoints/\(id)", token: staff, json: ["description": "Changed"]).status == .ok) }),
            ]
            var made: [String: [String]] = [:]
            for kind in kinds { made[kind.path] = [try await kind.create(), try await kind.create()] }
            clock.set("2027-03-03T09:00:00Z")
            for kind in kinds { try await kind.change(made[kind.path]![0]) }

            for kind in kinds {
                func ids(_ since: String) async throws -> [String] {
                    let response = try await app.send(.get, "\(kind.path)?updated_since=\(since)", token: staff)
                    try #require(response.status == .ok, "\(kind.path): \(response.bodyText)")
                    return try response.items().compactMap { $0["id"] as? String }.filter { made[kind.path]!.contains($0) }
                }
                // Then the instant of the change, and any before it but after the making, keep only the changed one;
                // the instant of the making keeps both
                let atChange = try await ids("2027-03-03T09:00:00Z")
                let dayBefore = try await ids("2027-03-02T00:00:00%2B01:00")
                let atStart = try await ids("2027-03-01T09:00:00Z")
                #expect(atChange == [made[kind.path]![0]], "\(kind.path): \(atChange)")
                #expect(dayBefore == [made[kind.path]![0]], "\(kind.path): \(dayBefore)")
                #expect(atStart == made[kind.path]!, "\(kind.path): \(atStart)")
                // And a malformed instant is named, with its code
                let refused = try await app.send(.get, "\(kind.path)?updated_since=yesterday", token: staff)
                #expect(refused.isProblem(400), "\(kind.path)")
                #expect(try refused.problemFields() == ["updated_since"], "\(kind.path)")
            }
        }
    }

    @Test("updated_since on registrations, side-event applications, enrolments and announcements: what changed at or after the instant")
    func updatedSinceOnParticipation() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given two registrations, side-event applications, enrolments and announcements made on 10 March
            let event = try await app.createEvent()["id"] as! String
            let workshop = try await app.createWorkshop(["capacity": 5])
            let (registrations, enrolments) = try await app.registeredAndEnrolled(2, event: event, workshop: workshop)
            var applications: [String] = []
            for index in 0..<2 { applications.append(try await app.applyForSideEvent(event, index: index).id) }
            var announcements: [String] = []
            for index in 0..<2 {
                announcements.append(try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                    "title": "Announcement \(index)", "body": "Text.", "audience": ["kind": "approved_stakeholders"]]).object()["id"] as! String)
            }
            // When the second of each changes on 12 March
            clock.set("2027-03-12T12:00:00Z")
            try #require(try await app.send(.post, "/v1/events/\(event)/registrations/\(registrations[1])/approve", token: app.staffKey).status == .ok)
            try #require(try await app.send(.post, "/v1/workshops/\(workshop)/enrolments/\(enrolments[1])/cancel", token: app.staffKey).status == .ok)
            try #require(try await app.send(.post, "/v1/events/\(event)/side-event-applications/\(applications[1])/reject", token: app.staffKey,
                                            json: ["reason": "No room left."]).status == .ok)
            try #require(try await app.send(.patch, "/v1/announcements/\(announcements[1])", token: app.staffKey, json: ["body": "Corrected."]).status == .ok)
            // Then updated_since from 11 March keeps only the changed one; from 10 March both
            for (path, made) in [("/v1/events/\(event)/registrations", registrations), ("/v1/workshops/\(workshop)/enrolments", enrolments),
                                 ("/v1/events/\(event)/side-event-applications", applications), ("/v1/announcements", announcements)] {
                func ids(_ since: String) async throws -> [String] {
                    let response = try await app.send(.get, "\(path)?updated_since=\(since)", token: app.staffKey)
                    try #require(response.status == .ok, "\(path): \(response.bodyText)")
                    return try response.items().compactMap { $0["id"] as? String }
                }
                #expect(try await ids("2027-03-11T00:00:00Z") == [made[1]], "\(path)")
                #expect(try await ids("2027-03-10T12:00:00Z") == made, "\(path)")
            }
        }
    }

    @Test("events filter by project; projects by words of their texts and by donor, in any language and case")
    func projectFilters() async throws {
        try await TestHarness.run { app in
            func post(_ body: [String: Any]) async throws -> String {
                try await app.send(.post, "/v1/projects", token: app.staffKey, json: body).object()["id"] as! String
            }
            let se4u = try await post(["title": ["en": "Stakeholder Engagement for UNTOC", "es": "Participación de las partes interesadas"],
                                       "code": "SE4U", "donors": ["Germany", "Sweden"]])
            let pilots = try await post(["title": "Pilot initiatives in the Pacific", "donors": ["Australia"]])
            let inProject = try await app.createEvent(["project_id": se4u])["id"] as! String
            _ = try await app.createEvent(["title": "CCPCJ, 36th session", "kind": "ccpcj_session", "session_number": 36])
            #expect(try await app.send(.get, "/v1/events?project_id=\(se4u)").items().map { $0["id"] as? String } == [inProject])
            func projects(_ query: String) async throws -> [String] {
                try await app.send(.get, "/v1/projects?\(query)").items().compactMap { $0["id"] as? String }
            }
            #expect(try await projects("q=participacion") == [se4u])
            #expect(try await projects("q=PACIFIC%20pilot") == [pilots])
            #expect(try await projects("q=se4u") == [se4u])
            #expect(try await projects("donor=sweden") == [se4u])
            #expect(try await projects("donor=australia&q=pacific") == [pilots])
            #expect(try await projects("donor=Swe") == [])
            // Paging stays keyset-based under a text filter
            let first = try await app.send(.get, "/v1/projects?q=in&limit=1").object()
            let cursor = try #require(first["next_cursor"] as? String)
            #expect(try await projects("q=in&limit=1&cursor=\(cursor)") == [pilots])
        }
    }
}
