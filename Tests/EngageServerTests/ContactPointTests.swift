import Foundation
import HTTPTypes
import Testing

@Suite("Contact points")
struct ContactPointTests {
    static var cst: [String: Any] { [
        "name": "Civil Society Team", "role": "UNODC Civil Society Team", "email": "unodc-ngounit@un.org",
        "languages": ["en", "FR", "es"], "description": "For more information or inquiries about any programme.",
    ] }

    /// Creates a contact point as staff; returns its ID.
    static func create(_ app: TestHarness, _ body: [String: Any]? = nil) async throws -> String {
        let response = try await app.send(.post, "/v1/contact-points", token: app.staffKey, json: body ?? cst)
        try #require(response.status == .created, "contact point creation failed: \(response.bodyText)")
        return try response.object()["id"] as! String
    }

    @Test("staff create and edit contact points; everyone reads them; bad input is named and changes nothing")
    func lifecycle() async throws {
        try await TestHarness.run { app in
            // When staff create one
            let created = try await app.send(.post, "/v1/contact-points", token: app.staffKey, json: Self.cst)
            #expect(created.status == .created)
            let id = try created.object()["id"] as! String
            #expect(created.headers[.location] == "/v1/contact-points/\(id)")
            // Then the public reads it, languages lower-cased, with an ETag that serves 304
            let shown = try await app.send(.get, "/v1/contact-points/\(id)")
            let body = try shown.object()
            #expect(body["email"] as? String == "unodc-ngounit@un.org")
            #expect(body["languages"] as? [String] == ["en", "fr", "es"])
            #expect(body["phone"] is NSNull)
            let etag = try #require(shown.headers[.eTag])
            #expect(try await app.send(.get, "/v1/contact-points/\(id)", headers: ["If-None-Match": etag]).status == .notModified)
            #expect(try await app.send(.get, "/v1/contact-points").items().map { $0["id"] as? String } == [id])

            // A merge-patch changes what it names; a stale If-Match changes nothing
            let patched = try await app.send(.patch, "/v1/contact-points/\(id)", token: app.staffKey,
                                             json: ["phone": "+43 1 26060 0", "description": NSNull()], headers: ["If-Match": etag])
            #expect(patched.status == .ok)
            #expect(try patched.object()["phone"] as? String == "+43 1 26060 0")
            #expect(try patched.object()["description"] is NSNull)
            #expect(try await app.send(.patch, "/v1/contact-points/\(id)", token: app.staffKey, json: ["name": "X"], headers: ["If-Match": etag]).isProblem(412))

            // Every bad field is named, and nothing is stored
            let bad = try await app.send(.post, "/v1/contact-points", token: app.staffKey,
                                         json: ["name": " ", "email": "not-an-address", "languages": ["xx"], "id": "cpt_x", "fax": "1"])
            #expect(bad.isProblem(422))
            #expect(Set(try bad.problemFields()) == ["name", "email", "languages[0]", "id", "fax"])
            #expect(try await app.count("contact_point") == 1)

            // Only staff write; readers and organisations may not; unknown IDs are 404
            let org = try await app.registerApproved()
            #expect(try await app.send(.post, "/v1/contact-points", token: app.readerKey, json: Self.cst).isProblem(403))
            #expect(try await app.send(.post, "/v1/contact-points", token: org.token, json: Self.cst).isProblem(403))
            #expect(try await app.send(.post, "/v1/contact-points", json: Self.cst).isProblem(401))
            #expect(try await app.send(.get, "/v1/contact-points/cpt_00000000000000000000").isProblem(404))
            #expect(try await app.send(.get, "/v1/contact-points/nope").isProblem(404))
        }
    }

    @Test("events, workshops, pilot initiatives, projects and resources name contact points, in order, publicly")
    func naming() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let cst = try await Self.create(app)
            let sgb = try await Self.create(app, ["name": "Secretariat to the Governing Bodies", "email": "unodc-sgb@un.org", "languages": ["en"]])
            let project = try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "SE4U"]).object()["id"] as! String
            let resource = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                "kind": "toolkit", "title": "Toolkit", "url": "https://www.unodc.org/toolkit"]).object()["id"] as! String
            let targets = [
                "/v1/events/\(try await app.createEvent()["id"] as! String)", "/v1/workshops/\(try await app.createWorkshop())",
                "/v1/pilot-initiatives/\(try await app.createPilot())", "/v1/projects/\(project)", "/v1/resources/\(resource)",
            ]
            for target in targets {
                // Given a record that names none
                #expect(try await app.send(.get, target + "/contact-points").items().isEmpty, "\(target)")
                // When staff name two, Then the public sees them in that order
                let named = try await app.send(.put, target + "/contact-points", token: app.staffKey, json: ["contact_point_ids": [sgb, cst]])
                #expect(named.status == .ok, "\(target): \(named.bodyText)")
                #expect(try await app.send(.get, target + "/contact-points").items().map { $0["id"] as? String } == [sgb, cst], "\(target)")
                // A list with an unknown or repeated ID is refused whole, naming each
                let bad = try await app.send(.put, target + "/contact-points", token: app.staffKey,
                                             json: ["contact_point_ids": [cst, "cpt_00000000000000000000", cst]])
                #expect(try bad.problemFields() == ["contact_point_ids[1]", "contact_point_ids[2]"], "\(target)")
                #expect(try await app.send(.get, target + "/contact-points").items().count == 2, "\(target)")
                // Only staff replace them
                #expect(try await app.send(.put, target + "/contact-points", token: app.readerKey, json: ["contact_point_ids": []]).isProblem(403))
            }
            // An edit of a contact point shows wherever it is named
            #expect(try await app.send(.patch, "/v1/contact-points/\(cst)", token: app.staffKey, json: ["email": "cst@un.org"]).status == .ok)
            #expect(try await app.send(.get, targets[0] + "/contact-points").items().last?["email"] as? String == "cst@un.org")
            // [] names none; a record that does not exist is 404
            #expect(try await app.send(.put, targets[1] + "/contact-points", token: app.staffKey, json: ["contact_point_ids": []]).items().isEmpty)
            #expect(try await app.send(.get, "/v1/events/evt_00000000000000000000/contact-points").isProblem(404))
            #expect(try await app.send(.put, "/v1/workshops/wks_00000000000000000000/contact-points", token: app.staffKey,
                                       json: ["contact_point_ids": [cst]]).isProblem(404))
            #expect(try await app.send(.get, "/v1/events/\(resource)/contact-points").isProblem(404))
            // Deleting a resource takes its naming with it
            #expect(try await app.send(.delete, "/v1/resources/\(resource)", token: app.staffKey).status == .noContent)
            #expect(try await app.database.scalar("SELECT CAST(count(*) AS TEXT) FROM contact_point_link WHERE target_id = ?", [.text(resource)]) == "0")
        }
    }
}
