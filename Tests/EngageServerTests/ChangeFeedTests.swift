import Foundation
import HTTPTypes
import Testing

@Suite("GET /v1/changes: the change feed")
struct ChangeFeedTests {
    /// One entry as `resource_type:change:version`, for comparing whole feeds at a glance.
    private static func summary(_ entry: [String: Any]) -> String {
        "\(entry["resource_type"] as? String ?? "?"):\(entry["change"] as? String ?? "?"):\((entry["version"] as? Int).map(String.init) ?? "null")"
    }

    @Test("every change is an entry in commit order, with the version it made; a deletion leaves a tombstone")
    func entries() async throws {
        try await TestHarness.run { app in
            // Given a project changed once and a resource changed once and then deleted
            let project = try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "SE4U", "donors": ["Germany"]]).object()
            let projectID = try #require(project["id"] as? String)
            #expect(project["version"] as? Int == 1)
            let patched = try await app.send(.patch, "/v1/projects/\(projectID)", token: app.staffKey, json: ["donors": ["Germany", "France"]]).object()
            #expect(patched["version"] as? Int == 2)
            let resource = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                "kind": "toolkit", "title": "Toolkit", "url": "https://www.unodc.org/toolkit", "languages": ["en"],
            ]).object()["id"] as! String
            #expect(try await app.send(.patch, "/v1/resources/\(resource)", token: app.staffKey, json: ["publisher": "UNODC"]).status == .ok)
            #expect(try await app.send(.delete, "/v1/resources/\(resource)", token: app.staffKey).status == .noContent)

            // When anyone reads the feed of projects and resources
            let feed = try await app.send(.get, "/v1/changes?type=project,resource")

            // Then each change is there once, oldest first, the deletion last as a tombstone of the last version
            #expect(feed.status == .ok)
            let entries = try feed.items()
            #expect(entries.map(Self.summary) == [
                "project:created:1", "project:updated:2", "resource:created:1", "resource:updated:2", "resource:deleted:2",
            ])
            #expect(entries.map { $0["resource_id"] as? String } == [projectID, projectID, resource, resource, resource])
            #expect(entries.map { $0["notification_type"] as? String }.last == "resource.deleted")
            let sequences = entries.compactMap { $0["sequence"] as? Int }
            #expect(sequences == sequences.sorted() && Set(sequences).count == 5)
            #expect(try feed.object()["has_more"] as? Bool == false)
            // And the rows are in the store, written with the changes
            #expect(try await app.count("change_log") == 5)
            // And a request that was refused wrote nothing
            #expect(try await app.send(.delete, "/v1/resources/\(resource)", token: app.staffKey).isProblem(404))
            #expect(try await app.send(.patch, "/v1/projects/\(projectID)", token: app.staffKey, json: ["donors": "Germany"]).isProblem(422))
            #expect(try await app.count("change_log") == 5)
        }
    }

    @Test("scoped like the resources: the public sees public changes, a token its own too, an API key everything")
    func scope() async throws {
        let clock = ManualClock("2027-03-10T00:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an organisation that registered (pending), and one approved that registered for an event
            let pending = try await app.register(["name": "Pending Organisation", "acronym": "PO"])
            let org = try await app.registerApproved()
            let event = try await app.createEvent()["id"] as! String
            let registration = try await app.registerFor(event, org)
            #expect(registration.status == .created)
            let registrationID = try registration.object()["id"] as! String

            func ids(_ token: String?) async throws -> [String] {
                try await app.send(.get, "/v1/changes", token: token).items().map { "\($0["resource_type"]!):\($0["resource_id"]!)" }
            }
            // When each reads the feed
            let anonymous = try await ids(nil), own = try await ids(org.token), other = try await ids(pending.token)
            let staff = try await ids(app.readerKey)

            // Then the public sees the approval and the event, not the pending registration or the delegation
            #expect(anonymous.contains("stakeholder:\(org.id)") && anonymous.contains("event:\(event)"))
            #expect(!anonymous.contains("stakeholder:\(pending.id)"))
            #expect(!anonymous.contains("event_registration:\(registrationID)"))
            // And the organisation sees its registration and its own record's pending days; the other sees neither
            #expect(own.contains("event_registration:\(registrationID)"))
            #expect(own.filter { $0 == "stakeholder:\(org.id)" }.count > anonymous.filter { $0 == "stakeholder:\(org.id)" }.count)
            #expect(!other.contains("event_registration:\(registrationID)"))
            #expect(other.contains("stakeholder:\(pending.id)"))
            // And an API key (even a reader's) sees everything
            #expect(Set(staff).isSuperset(of: Set(anonymous + own + other)))
        }
    }

    @Test("a duplicate merged into another leaves a tombstone, public when the duplicate was")
    func mergeTombstone() async throws {
        try await TestHarness.run { app in
            // Given two approved records of one organisation
            let original = try await app.registerApproved()
            let duplicate = try await app.registerApproved(["name": "Duplicate Organisation", "acronym": "DO"])
            // When staff merge the duplicate into the original
            #expect(try await app.merge(duplicate.id, into: original.id).status == .ok)
            // Then the public feed ends with the survivor's update and the duplicate's tombstone
            let entries = try await app.send(.get, "/v1/changes?type=stakeholder").items()
            let last = entries.suffix(2).map { "\($0["resource_id"]!):\($0["change"]!):\($0["notification_type"]!)" }
            #expect(last == ["\(original.id):updated:stakeholder.merged", "\(duplicate.id):deleted:stakeholder.merged"])
            #expect(entries.last?["version"] is NSNull)
        }
    }

    @Test("a reader resumes where it stopped; cursors are sealed to the feed and its filter")
    func paging() async throws {
        try await TestHarness.run { app in
            // Given three projects
            for title in ["One", "Two", "Three"] {
                #expect(try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": title]).status == .created)
            }
            // When a reader pages two at a time
            let first = try await app.send(.get, "/v1/changes?type=project&limit=2").object()
            #expect((first["data"] as? [Any])?.count == 2 && first["has_more"] as? Bool == true)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await app.send(.get, "/v1/changes?type=project&limit=2&after=\(cursor)").object()
            #expect((second["data"] as? [Any])?.count == 1 && second["has_more"] as? Bool == false)
            // Then at the end it still gets a position to resume from, and sees nothing again there
            let end = try #require(second["next_cursor"] as? String)
            let idle = try await app.send(.get, "/v1/changes?type=project&after=\(end)").object()
            #expect((idle["data"] as? [Any])?.isEmpty == true && idle["next_cursor"] as? String == end)
            // And a later change appears after that position, alone
            #expect(try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "Four"]).status == .created)
            let later = try await app.send(.get, "/v1/changes?type=project&after=\(end)").items()
            #expect(later.map { $0["change"] as? String } == ["created"])

            // And a cursor with another filter, an edited one, or an unknown type is a 400 naming the parameter
            #expect(try await app.send(.get, "/v1/changes?type=resource&after=\(end)").problemFields() == ["after"])
            var edited = Array(end)
            edited[3] = edited[3] == "A" ? "B" : "A"
            #expect(try await app.send(.get, "/v1/changes?type=project&after=\(String(edited))").problemFields() == ["after"])
            #expect(try await app.send(.get, "/v1/changes?type=projects").problemFields() == ["type"])
        }
    }
}
