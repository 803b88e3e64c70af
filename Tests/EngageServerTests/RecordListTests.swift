import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("sort, status and updated_since on the lists of /v1/me, contact points and webhook endpoints")
struct RecordListTests {
    @Test("an organisation's own lists filter by status, sort newest first and keep what changed since")
    func meLists() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an organisation registered for three events on 10 March, and enrolled in two workshops
            let org = try await app.registerApproved()
            var events: [String] = [], registrations: [String] = [], enrolments: [String] = []
            for session in 1...3 {
                let event = try await app.createEvent(["title": "Working group \(session)", "kind": "working_group", "session_number": session])["id"] as! String
                let registered = try await app.registerFor(event, org)
                try #require(registered.status == .created, "\(registered.bodyText)")
                events.append(event)
                registrations.append(try registered.object()["id"] as! String)
            }
            var workshops: [String] = []
            for _ in 1...2 {
                let workshop = try await app.createWorkshop(["capacity": 5])
                let enrolled = try await app.enrol(workshop, org, email: "trainee@example.org")
                try #require(enrolled.status == .created, "\(enrolled.bodyText)")
                workshops.append(workshop)
                enrolments.append(try enrolled.object()["id"] as! String)
            }
            // And organising two side events, and taking part in two pilot initiatives
            var applications: [(event: String, id: String)] = [], pilots: [String] = []
            for _ in 1...2 {
                let host = try await app.createEvent()["id"] as! String
                let applied = try await app.send(.post, "/v1/events/\(host)/side-event-applications", token: org.token, json: TestHarness.applicationBody(org.id))
                try #require(applied.status == .created, "\(applied.bodyText)")
                applications.append((host, try applied.object()["id"] as! String))
                let pilot = try await app.createPilot()
                try #require(try await app.send(.post, "/v1/pilot-initiatives/\(pilot)/participants", token: app.staffKey,
                                                json: ["stakeholder_id": org.id, "role": "partner"]).status == .created)
                pilots.append(pilot)
            }
            // When staff approve the second registration and the first enrolment is cancelled on 12 March
            clock.set("2027-03-12T12:00:00Z")
            try #require(try await app.send(.post, "/v1/events/\(events[1])/registrations/\(registrations[1])/approve", token: app.staffKey).status == .ok)
            try #require(try await app.send(.post, "/v1/workshops/\(workshops[0])/enrolments/\(enrolments[0])/cancel", token: org.token).status == .ok)
            // And the second application is rejected and the second pilot changes
            try #require(try await app.send(.post, "/v1/events/\(applications[1].event)/side-event-applications/\(applications[1].id)/reject",
                                            token: app.staffKey, json: ["reason": "No room left."]).status == .ok)
            try #require(try await app.send(.patch, "/v1/pilot-initiatives/\(pilots[1])", token: app.staffKey, json: ["summary": "Changed."]).status == .ok)
            func ids(_ path: String) async throws -> [String] {
                try await SortTests.all(app, path, token: org.token).map { $0["id"] as! String }
            }
            // Then each list answers its filters, one item per page
            #expect(try await ids("/v1/me/registrations?status=pending") == [registrations[0], registrations[2]])
            #expect(try await ids("/v1/me/registrations?status=approved,pending&sort=-created_at") == registrations.reversed())
            #expect(try await ids("/v1/me/registrations?sort=-updated_at").first == registrations[1])
            #expect(try await ids("/v1/me/registrations?updated_since=2027-03-11T00:00:00Z") == [registrations[1]])
            #expect(try await ids("/v1/me/enrolments?status=cancelled") == [enrolments[0]])
            #expect(try await ids("/v1/me/enrolments?sort=-created_at") == enrolments.reversed())
            #expect(try await ids("/v1/me/enrolments?updated_since=2027-03-11T00:00:00Z") == [enrolments[0]])
            #expect(try await ids("/v1/me/side-event-applications?status=submitted,approved") == [applications[0].id])
            #expect(try await ids("/v1/me/side-event-applications?status=rejected&sort=-created_at") == [applications[1].id])
            #expect(try await ids("/v1/me/side-event-applications?updated_since=2027-03-11T00:00:00Z") == [applications[1].id])
            #expect(try await ids("/v1/me/pilot-initiatives?status=proposed&sort=-updated_at") == [pilots[1], pilots[0]])
            #expect(try await ids("/v1/me/pilot-initiatives?updated_since=2027-03-11T00:00:00Z") == [pilots[1]])
            #expect(try await ids("/v1/me/pilot-initiatives?status=active").isEmpty)
            // And a status of another list, or a bad sort, is a 400 naming it
            #expect(Set(try await app.send(.get, "/v1/me/registrations?status=waitlisted&sort=name", token: org.token).problemFields()) == ["sort", "status"])
            // And a cursor of one filter is refused with another
            let first = try await app.send(.get, "/v1/me/registrations?status=pending&limit=1", token: org.token).object()
            let cursor = try #require(first["next_cursor"] as? String)
            #expect(try await app.send(.get, "/v1/me/registrations?status=approved&limit=1&cursor=\(cursor)", token: org.token).problemFields() == ["cursor"])
        }
    }

    @Test("contact points and webhook endpoints newest first, last changed first, and changed since")
    func contactPointsAndEndpoints() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given three contact points and three webhook endpoints made on 10 March
            var contacts: [String] = [], endpoints: [String] = []
            for index in 0..<3 {
                let contact = try await app.send(.post, "/v1/contact-points", token: app.staffKey, json: ["name": "Office \(index)", "email": "office\(index)@unodc.example"])
                try #require(contact.status == .created, "\(contact.bodyText)")
                contacts.append(try contact.object()["id"] as! String)
                let endpoint = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": "https://hooks.example.org/\(index)"])
                try #require(endpoint.status == .created, "\(endpoint.bodyText)")
                endpoints.append(try endpoint.object()["id"] as! String)
            }
            // When the first of each changes on 12 March
            clock.set("2027-03-12T12:00:00Z")
            try #require(try await app.send(.patch, "/v1/contact-points/\(contacts[0])", token: app.staffKey, json: ["role": "Focal point"]).status == .ok)
            try #require(try await app.send(.patch, "/v1/webhook-endpoints/\(endpoints[0])", token: app.staffKey, json: ["description": "Renamed"]).status == .ok)
            // Then each list sorts and keeps what changed, page after page
            for (path, made) in [("/v1/contact-points", contacts), ("/v1/webhook-endpoints", endpoints)] {
                func ids(_ query: String) async throws -> [String] {
                    try await SortTests.all(app, "\(path)?\(query)", token: app.staffKey).map { $0["id"] as! String }
                }
                #expect(try await ids("sort=created_at") == made, "\(path)")
                #expect(try await ids("sort=-created_at") == made.reversed(), "\(path)")
                #expect(try await ids("sort=-updated_at") == [made[0], made[2], made[1]], "\(path)")
                #expect(try await ids("updated_since=2027-03-11T00:00:00Z") == [made[0]], "\(path)")
                #expect(try await app.send(.get, "\(path)?sort=name", token: app.staffKey).problemFields() == ["sort"], "\(path)")
            }
        }
    }
}
