import Foundation
import HTTPTypes
import Testing

@Suite("Knowledge resources and projects")
struct ResourceProjectTests {
    private static func resource(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "kind": "toolkit", "title": "Toolkit on Stakeholder Engagement", "url": "https://www.unodc.org/toolkit",
            "summary": "How to involve civil society in the UNTOC Review Mechanism.", "languages": ["en", "fr"],
            "topics": ["organized_crime"], "publisher": "UNODC", "published_on": "2021-06-01",
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    @Test("staff publish resources; everyone reads; bad input is 422 and stores nothing")
    func publish() async throws {
        try await TestHarness.run { app in
            let created = try await app.send(.post, "/v1/resources", token: app.staffKey, json: Self.resource())
            #expect(created.status == .created)
            let id = try created.object()["id"] as! String
            #expect(try await app.send(.get, "/v1/resources/\(id)").object()["publisher"] as? String == "UNODC")
            #expect(try await app.send(.post, "/v1/resources", json: Self.resource()).isProblem(401))
            let bad = try await app.send(.post, "/v1/resources", token: app.staffKey, json: Self.resource([
                "kind": "poster", "url": "javascript:alert(1)", "languages": ["english"], "published_on": "June 2021",
            ]))
            #expect(Set(try bad.problemFields()) == ["kind", "url", "languages[0]", "published_on"])
            #expect(try await app.count("resource") == 1)
            #expect(try await app.send(.delete, "/v1/resources/\(id)", token: app.staffKey).status == .noContent)
            #expect(try await app.send(.get, "/v1/resources/\(id)").isProblem(404))
        }
    }

    @Test("every change to a project or a resource is announced in its own transaction: created, updated, deleted")
    func notifications() async throws {
        try await TestHarness.run { app in
            func messages() async throws -> [String] {
                try await app.database.rows("SELECT type FROM notification_message WHERE type LIKE 'project.%' OR type LIKE 'resource.%' ORDER BY seq", [])
                    .compactMap { $0.string("type") }
            }
            // Given a staff endpoint that receives every type
            #expect(try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": "https://hooks.example.org/programme"]).status == .created)
            // And a project and a resource, each changed once and changed to what it already was once
            let project = try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "SE4U", "donors": ["Germany"]]).object()["id"] as! String
            #expect(try await app.send(.patch, "/v1/projects/\(project)", token: app.staffKey, json: ["donors": ["Germany", "France"]]).status == .ok)
            #expect(try await app.send(.patch, "/v1/projects/\(project)", token: app.staffKey, json: ["donors": ["Germany", "France"]]).status == .ok)
            let resource = try await app.send(.post, "/v1/resources", token: app.staffKey, json: Self.resource()).object()["id"] as! String
            #expect(try await app.send(.patch, "/v1/resources/\(resource)", token: app.staffKey, json: ["publisher": "UNODC CST"]).status == .ok)
            // When the resource is deleted
            #expect(try await app.send(.delete, "/v1/resources/\(resource)", token: app.staffKey).status == .noContent)
            // Then each real change left one message, the deletion carrying the resource as it was
            #expect(try await messages() == ["project.created", "project.updated", "resource.published", "resource.updated", "resource.deleted"])
            let body = try #require(try await app.database.scalar("SELECT body FROM notification_message WHERE type = 'resource.deleted'"))
            #expect(body.contains(resource) && body.contains("UNODC CST"))
            // And a deletion that fails leaves nothing
            #expect(try await app.send(.delete, "/v1/resources/\(resource)", token: app.staffKey).isProblem(404))
            #expect(try await messages().count == 5)
        }
    }

    @Test("full-text search ranks title matches first; filters by kind, topic, language")
    func search() async throws {
        try await TestHarness.run { app in
            let inSummary = try await app.send(.post, "/v1/resources", token: app.staffKey, json: Self.resource([
                "title": "Annual report", "summary": "Mentions the review mechanism once.", "kind": "report", "languages": ["es"], "topics": ["corruption"],
            ])).object()["id"] as! String
            let inTitle = try await app.send(.post, "/v1/resources", token: app.staffKey, json: Self.resource([
                "title": "Civil society guide to the Review Mechanism", "summary": "A guide.", "kind": "guide",
            ])).object()["id"] as! String
            func ids(_ query: String) async throws -> [String] { try await app.send(.get, "/v1/resources?\(query)").items().map { $0["id"] as! String } }
            #expect(try await ids("q=review%20mechanism") == [inTitle, inSummary])
            #expect(try await ids("kind=report") == [inSummary])
            #expect(try await ids("kind=report,guide&sort=created_at") == [inSummary, inTitle])
            #expect(try await ids("topic=corruption,organized_crime&sort=created_at") == [inSummary, inTitle])
            #expect(try await ids("topic=corruption,firearms") == [inSummary])
            #expect(try await ids("topic=corruption") == [inSummary])
            #expect(try await ids("language=ES") == [inSummary])
            #expect(try await ids("language=fr&kind=guide") == [inTitle])
            #expect(Set(try await app.send(.get, "/v1/resources?language=klingon&topic=x").problemFields()) == ["language", "topic"])
        }
    }

    @Test("projects: unique codes, and counts of what links to them")
    func projects() async throws {
        try await TestHarness.run { app in
            let created = try await app.send(.post, "/v1/projects", token: app.staffKey, json: [
                "title": "Stakeholder Engagement for UNTOC", "code": "SE4U", "donors": ["Germany"], "starts_on": "2019-01-01",
            ])
            #expect(created.status == .created)
            let project = try created.object()["id"] as! String
            let duplicate = try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "Another", "code": "SE4U"])
            #expect(duplicate.isProblem(409))
            #expect(try duplicate.object()["existing"] as? String == "/v1/projects/\(project)")
            #expect(try await app.send(.patch, "/v1/projects/\(project)", token: app.staffKey, json: ["ends_on": "2018-01-01"]).problemFields() == ["ends_on"])

            _ = try await app.createWorkshop(["project_id": project])
            _ = try await app.createPilot(["project_id": project])
            _ = try await app.createEvent(["project_id": project])
            _ = try await app.createEvent()
            let shown = try await app.send(.get, "/v1/projects/\(project)")
            let etag = try #require(shown.headers[.eTag])
            #expect(try await app.send(.get, "/v1/projects/\(project)", headers: ["If-None-Match": etag]).status == .notModified)
            let counts = try shown.object()["counts"] as? [String: Any]
            #expect(counts?["events"] as? Int == 1 && counts?["workshops"] as? Int == 1 && counts?["pilot_initiatives"] as? Int == 1)
            #expect(try await app.send(.get, "/v1/workshops?project_id=\(project)").items().count == 1)
            #expect(try await app.send(.post, "/v1/events", token: app.staffKey,
                                       json: TestHarness.event(["project_id": "prj_00000000000000000000"])).problemFields() == ["project_id"])
        }
    }
}
