import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Every enumeration filter takes several comma-separated values, meaning any of them")
struct MultiValueFilterTests {
    /// The ids a list answers with for `path`, as staff (or with no credentials).
    private func ids(_ app: TestHarness, _ path: String, anonymous: Bool = false) async throws -> Set<String> {
        let response = try await app.send(.get, path, token: anonymous ? nil : app.staffKey)
        try #require(response.status == .ok, "\(path): \(response.bodyText)")
        return Set(try response.items().compactMap { $0["id"] as? String })
    }

    @Test("workshops by status and region, pilot initiatives by status and priority")
    func programme() async throws {
        try await TestHarness.run { app in
            // Given workshops for Latin America, Africa and Asia-Pacific, the Asian one cancelled
            let latin = try await app.createWorkshop()
            let africa = try await app.createWorkshop(["region": "africa"])
            let asia = try await app.createWorkshop(["region": "asia_pacific"])
            try #require(try await app.send(.post, "/v1/workshops/\(asia)/cancel", token: app.staffKey, json: ["reason": "No venue."]).status == .ok)
            // Then a list of regions is any of them, and so is a list of statuses
            #expect(try await ids(app, "/v1/workshops?region=africa,latin_america_caribbean") == [latin, africa])
            #expect(try await ids(app, "/v1/workshops?region=africa") == [africa])
            #expect(try await ids(app, "/v1/workshops?status=scheduled") == [latin, africa])
            #expect(try await ids(app, "/v1/workshops?status=scheduled,cancelled") == [latin, africa, asia])
            #expect(try await ids(app, "/v1/workshops?status=cancelled&region=africa,asia_pacific") == [asia])

            // Given initiatives on trafficking (Peru) and on cybercrime (Kenya)
            let peru = try await app.createPilot()
            let kenya = try await app.createPilot(["country": "KE", "priorities": ["cybercrime"]])
            #expect(try await ids(app, "/v1/pilot-initiatives?priority=cybercrime") == [kenya])
            #expect(try await ids(app, "/v1/pilot-initiatives?priority=cybercrime,smuggling_of_migrants") == [peru, kenya])
            #expect(try await ids(app, "/v1/pilot-initiatives?priority=firearms,wildlife_crime") == [])
            // And once Kenya's is active, each status alone keeps one, and both keep both
            try #require(try await app.send(.patch, "/v1/pilot-initiatives/\(kenya)", token: app.staffKey, json: ["status": "active"]).status == .ok)
            #expect(try await ids(app, "/v1/pilot-initiatives?status=proposed") == [peru])
            #expect(try await ids(app, "/v1/pilot-initiatives?status=active") == [kenya])
            #expect(try await ids(app, "/v1/pilot-initiatives?status=proposed,active") == [peru, kenya])

            // And a bad value among good ones is a 400 naming the parameter
            let refused = try await app.send(.get, "/v1/workshops?region=africa,atlantis")
            #expect(refused.isProblem(400))
            #expect(try refused.problemFields() == ["region"])
        }
    }

    @Test("registrations, enrolments and announcements by several statuses or languages")
    func participation() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given three organisations registered for an event, one approved and one rejected
            let event = try await app.createEvent()["id"] as! String
            var registrations: [String] = []
            for index in 0..<3 {
                let organisation = try await app.registerApproved(["name": "Organisation \(index) \(UUID())"])
                let response = try await app.registerFor(event, organisation)
                try #require(response.status == .created, "\(response.bodyText)")
                registrations.append(try response.object()["id"] as! String)
            }
            try #require(try await app.send(.post, "/v1/events/\(event)/registrations/\(registrations[0])/approve", token: app.staffKey).status == .ok)
            try #require(try await app.send(.post, "/v1/events/\(event)/registrations/\(registrations[1])/reject", token: app.staffKey,
                                            json: ["reason": "Outside the mandate."]).status == .ok)
            // Then the list takes any of several statuses
            let path = "/v1/events/\(event)/registrations"
            #expect(try await ids(app, "\(path)?status=approved,rejected") == [registrations[0], registrations[1]])
            #expect(try await ids(app, "\(path)?status=pending") == [registrations[2]])

            // Given two side-event applications, the second withdrawn by its organiser
            var applications: [String] = []
            for index in 0..<2 {
                let (id, organiser) = try await app.applyForSideEvent(event, index: index)
                applications.append(id)
                if index == 1 {
                    try #require(try await app.send(.post, "/v1/events/\(event)/side-event-applications/\(applications[1])/withdraw",
                                                    token: organiser.token).status == .ok)
                }
            }
            let applied = "/v1/events/\(event)/side-event-applications"
            #expect(try await ids(app, "\(applied)?status=withdrawn") == [applications[1]])
            #expect(try await ids(app, "\(applied)?status=submitted,withdrawn") == Set(applications))

            // Given a workshop of one seat: the first enrolment confirmed, the second waitlisted
            let workshop = try await app.createWorkshop(["capacity": 1])
            var enrolments: [String] = []
            for index in 0..<3 {
                let organisation = try await app.registerApproved(["name": "Trainee organisation \(index) \(UUID())"])
                let response = try await app.enrol(workshop, organisation, email: "trainee\(index)@example.org")
                try #require(response.status == .created, "\(response.bodyText)")
                enrolments.append(try response.object()["id"] as! String)
            }
            let enrolled = "/v1/workshops/\(workshop)/enrolments"
            #expect(try await ids(app, "\(enrolled)?status=confirmed") == [enrolments[0]])
            #expect(try await ids(app, "\(enrolled)?status=confirmed,waitlisted") == Set(enrolments))

            // Given an announcement in English and French, and one in Spanish only
            let bilingual = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                "title": ["en": "Applications open", "fr": "Ouverture des demandes"], "body": ["en": "Apply.", "fr": "Postulez."],
                "audience": ["kind": "approved_stakeholders"]]).object()["id"] as! String
            let spanish = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                "title": ["es": "Abiertas las solicitudes"], "body": ["es": "Solicite."],
                "audience": ["kind": "approved_stakeholders"]]).object()["id"] as! String
            #expect(try await ids(app, "/v1/announcements?language=fr", anonymous: true) == [bilingual])
            #expect(try await ids(app, "/v1/announcements?language=fr,es", anonymous: true) == [bilingual, spanish])
            #expect(try await ids(app, "/v1/announcements?language=ar,zh", anonymous: true) == [])
            // And one scheduled for later: staff ask for several statuses; the public may not ask for any but published
            let scheduled = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                "title": ["en": "Registration opens"], "body": ["en": "Soon."], "audience": ["kind": "approved_stakeholders"],
                "publish_at": "2027-06-01T00:00:00Z"])
            try #require(scheduled.status == .created, "\(scheduled.bodyText)")
            let later = try scheduled.object()["id"] as! String
            #expect(try await ids(app, "/v1/announcements?status=scheduled") == [later])
            #expect(try await ids(app, "/v1/announcements?status=published,scheduled") == [bilingual, spanish, later])
            let forbidden = try await app.send(.get, "/v1/announcements?status=published,scheduled")
            #expect(forbidden.isProblem(403))
        }
    }
}
