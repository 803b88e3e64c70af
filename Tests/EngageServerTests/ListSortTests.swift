import Foundation
import HTTPTypes
import Testing

@Suite("sort on the programme and participation lists, paging by keyset")
struct ListSortTests {
    /// The ids of every page of `path` (with its `sort`), one per page, as staff.
    private func ids(_ app: TestHarness, _ path: String) async throws -> [String] {
        try await SortTests.all(app, path, token: app.staffKey).map { $0["id"] as! String }
    }

    @Test("projects, pilot initiatives and announcements: creation either way, last changed first or last")
    func programme() async throws {
        let clock = ManualClock("2027-03-01T09:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given three of each, made a day apart
            var projects: [String] = [], pilots: [String] = [], announcements: [String] = []
            for day in 1...3 {
                clock.set("2027-03-0\(day)T09:00:00Z")
                projects.append(try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "Project \(day)"]).object()["id"] as! String)
                pilots.append(try await app.createPilot(["title": "Pilot initiative \(day)"]))
                announcements.append(try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                    "title": "Announcement \(day)", "body": "Text.", "audience": ["kind": "approved_stakeholders"]]).object()["id"] as! String)
            }
            // When the first two of each are changed last, at the same instant (a tie the sequence breaks)
            clock.set("2027-03-05T09:00:00Z")
            for index in 0..<2 {
                try #require(try await app.send(.patch, "/v1/projects/\(projects[index])", token: app.staffKey, json: ["donors": ["Norway"]]).status == .ok)
                try #require(try await app.send(.patch, "/v1/pilot-initiatives/\(pilots[index])", token: app.staffKey, json: ["summary": "Changed."]).status == .ok)
                try #require(try await app.send(.patch, "/v1/announcements/\(announcements[index])", token: app.staffKey, json: ["body": "Corrected."]).status == .ok)
            }
            // Then each order holds across pages, one per page, on each list
            for (path, made) in [("/v1/projects", projects), ("/v1/pilot-initiatives", pilots), ("/v1/announcements", announcements)] {
                #expect(try await ids(app, "\(path)?sort=created_at") == made, "\(path)")
                #expect(try await ids(app, "\(path)?sort=-created_at") == made.reversed(), "\(path)")
                #expect(try await ids(app, "\(path)?sort=-updated_at") == [made[1], made[0], made[2]], "\(path)")
                #expect(try await ids(app, "\(path)?sort=updated_at") == [made[2], made[0], made[1]], "\(path)")
            }
            // And the project search (decided in Swift) keeps the order and its paging
            #expect(try await ids(app, "/v1/projects?q=project&sort=-updated_at") == [projects[1], projects[0], projects[2]])
        }
    }

    @Test("workshops by start date either way (undated last, or first), by creation; a cursor keeps its order")
    func workshops() async throws {
        let clock = ManualClock("2027-02-01T09:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given workshops starting in April, March and May, made in that order, and one not yet dated
            let april = try await app.createWorkshop()
            let march = try await app.createWorkshop(["starts_on": "2027-03-03", "ends_on": "2027-03-04", "enrolment": ["opens_at": "2027-02-01T00:00:00Z", "closes_at": "2027-03-01T00:00:00Z"]])
            let may = try await app.createWorkshop(["starts_on": "2027-05-03", "ends_on": "2027-05-04"])
            let undated = try await app.createWorkshop(["starts_on": "2027-06-03", "ends_on": "2027-06-04"])
            let postponed = try await app.send(.post, "/v1/workshops/\(undated)/postpone", token: app.staffKey, json: ["reason": "Trainer unavailable"])
            try #require(postponed.status == .ok && (try postponed.object()["starts_on"]) is NSNull)
            // Then the default is by start date, undated last; the reverse puts the undated first
            #expect(try await ids(app, "/v1/workshops?status=scheduled,postponed") == [march, april, may, undated])
            #expect(try await ids(app, "/v1/workshops?sort=starts_on") == [march, april, may, undated])
            #expect(try await ids(app, "/v1/workshops?sort=-starts_on") == [undated, may, april, march])
            #expect(try await ids(app, "/v1/workshops?sort=-created_at") == [undated, may, march, april])
            // March's changed last (the others tie, made at one instant: the sequence orders them)
            clock.set("2027-02-02T09:00:00Z")
            try #require(try await app.send(.patch, "/v1/workshops/\(march)", token: app.staffKey, json: ["capacity": 30]).status == .ok)
            #expect(try await ids(app, "/v1/workshops?sort=-updated_at") == [march, undated, may, april])
            #expect(try await ids(app, "/v1/workshops?sort=updated_at") == [april, may, undated, march])
            // And a cursor of one order is refused with another, naming the cursor; an unknown order names sort
            let first = try await app.send(.get, "/v1/workshops?sort=-created_at&limit=1").object()
            let cursor = try #require(first["next_cursor"] as? String)
            let mixed = try await app.send(.get, "/v1/workshops?sort=created_at&limit=1&cursor=\(cursor)")
            #expect(mixed.isProblem(400))
            #expect(try mixed.problemFields() == ["cursor"])
            let unknown = try await app.send(.get, "/v1/workshops?sort=name")
            #expect(unknown.isProblem(400))
            #expect(try unknown.problemFields() == ["sort"])
        }
    }

    @Test("registrations and enrolments newest first, page after page")
    func participation() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given three organisations registered for an event and enrolled in a workshop, in this order
            let event = try await app.createEvent()["id"] as! String
            let workshop = try await app.createWorkshop(["capacity": 5])
            let (registrations, enrolments) = try await app.registeredAndEnrolled(3, event: event, workshop: workshop)
            // And two side-event applications
            var applications: [String] = []
            for index in 0..<2 { applications.append(try await app.applyForSideEvent(event, index: index).id) }
            // Then -created_at reverses the lists, and created_at is the default
            #expect(try await ids(app, "/v1/events/\(event)/side-event-applications?sort=-created_at") == applications.reversed())
            #expect(try await ids(app, "/v1/events/\(event)/registrations?sort=-created_at") == registrations.reversed())
            #expect(try await ids(app, "/v1/events/\(event)/registrations?status=pending") == registrations)
            #expect(try await ids(app, "/v1/workshops/\(workshop)/enrolments?sort=-created_at") == enrolments.reversed())
            // And the CSV export takes no sort
            let csv = try await app.send(.get, "/v1/events/\(event)/registrations.csv?sort=-created_at", token: app.staffKey)
            #expect(csv.isProblem(400))
            #expect(try csv.problemFields() == ["sort"])
        }
    }
}
