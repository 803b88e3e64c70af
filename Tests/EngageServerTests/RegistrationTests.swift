import Foundation
import HTTPTypes
import Testing

@Suite("Stakeholder self-registration")
struct RegistrationTests {
    @Test("a valid registration is stored as pending and returns its access token once")
    func registers() async throws {
        try await TestHarness.run { app in
            // When an organisation registers
            let response = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration())

            // Then it gets 201, a Location, an ETag and its one-time token
            #expect(response.status == .created)
            let json = try response.object()
            let id = try #require(json["id"] as? String)
            #expect(id.hasPrefix("stk_"))
            #expect(response.headers[.location] == "/v1/stakeholders/\(id)")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(json["status"] as? String == "pending")
            #expect(json["region"] as? String == "latin_america_caribbean")
            #expect(json["code_of_conduct_accepted_at"] is String)
            let token = try #require(json["access_token"] as? String)
            #expect(token.hasPrefix("est_"))

            // And the database holds the row, with only a hash of the token
            let row = try await app.database.rows(
                "SELECT status, access_token_hash, contact_email FROM stakeholder WHERE id = ?", [.text(id)]).first
            let stored = try #require(row)
            #expect(stored.string("status") == "pending")
            #expect(stored.string("contact_email") == "ana.perez@example.org")
            #expect(stored.string("access_token_hash") != token)
            #expect(stored.string("access_token_hash")?.count == 64)

            // And the token is never shown again
            let again = try await app.send(.get, "/v1/stakeholders/\(id)", token: token)
            #expect(try again.object()["access_token"] == nil)
        }
    }

    @Test("every bad field is named at once, and nothing is written")
    func namesEveryBadField() async throws {
        try await TestHarness.run { app in
            let body: [String: Any] = [
                "name": "", "kind": "charity", "country": "XX", "website": "ftp://example.org",
                "topics": ["cybercrime", "gardening", 7], "ecosoc_status": "observer",
                "member_of": ["not-an-id"], "contact": ["name": "A", "email": "not-an-email", "phone": "call me"],
                "code_of_conduct_accepted": false, "status": "approved", "favourite_colour": "blue",
            ]
            let response = try await app.send(.post, "/v1/stakeholders", json: body)
            #expect(response.isProblem(422))
            let fields = Set(try response.problemFields())
            #expect(fields == [
                "name", "kind", "country", "website", "topics[1]", "topics[2]", "ecosoc_status", "member_of[0]",
                "contact.email", "contact.phone", "code_of_conduct_accepted", "status", "favourite_colour",
            ])
            #expect(try await app.stakeholderCount() == 0)
        }
    }

    @Test("control characters are refused, never dropped: what is stored is what was sent")
    func controlCharacters() async throws {
        try await TestHarness.run { app in
            // Given NUL in the name, ESC in the description, a line break in the acronym and DEL in a contact's name
            let bad = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration([
                "name": "\u{0}=1", "description": "Colour \u{1B}[31m", "acronym": "A\nB",
                "contact": ["name": "Ana\u{7F}", "email": "ana@example.org"],
            ]))
            // Then each is named in one 422, and nothing is stored
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.problemFields()) == ["name", "description", "acronym", "contact.name"])
            #expect(try await app.stakeholderCount() == 0)
            // And a line break in a long text is kept as sent
            let fine = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["description": "Line one.\nLine two.\tTabbed."]))
            #expect(fine.status == .created)
            #expect(try fine.object()["description"] as? String == "Line one.\nLine two.\tTabbed.")
            #expect(try await app.database.scalar("SELECT description FROM stakeholder") == "Line one.\nLine two.\tTabbed.")
            // Query text too: NUL in a filter or a search matches nothing, on every store (never a 500)
            let series = try await app.send(.get, "/v1/workshops?series=%00")
            #expect(try series.status == .ok && series.items().isEmpty)
            #expect(try await app.send(.get, "/v1/stakeholders?q=a%00b").status == .ok)
            // A trailing line break around a list item is trimmed, as before, not refused
            let workshop = try await app.send(.post, "/v1/workshops", token: app.staffKey, json: TestHarness.workshop(["objectives": ["Objective one\n"]]))
            #expect(try workshop.object()["objectives"] as? [String] == ["Objective one"])
        }
    }

    @Test("missing required fields are each reported")
    func missingFields() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/stakeholders", json: [String: Any]())
            #expect(response.isProblem(422))
            #expect(Set(try response.problemFields()) == ["name", "kind", "country", "contact", "code_of_conduct_accepted"])
        }
    }

    @Test("wrong JSON types are 422 problems naming the field, not 500s")
    func wrongTypes() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration([
                "name": 42, "topics": "cybercrime", "contact": "ana@example.org", "code_of_conduct_accepted": "yes",
            ]))
            #expect(response.isProblem(422))
            #expect(Set(try response.problemFields()) == ["name", "topics", "contact", "code_of_conduct_accepted"])
        }
    }

    @Test("malformed bodies are 4xx problems and write nothing", arguments: [
        ("{\"name\": ", "application/json", 400),
        ("[1, 2, 3]", "application/json", 422),
        ("", "application/json", 400),
        ("name=x", "application/x-www-form-urlencoded", 415),
        ("{}", "text/plain", 415),
        // A repeated key means one thing to us and another to a Python or JavaScript client: refused.
        (#"{"name": "Real NGO", "kind": "ngo", "country": "MX", "name": "United Nations Office on Drugs and Crime", "contact": {"name": "A", "email": "a@example.org"}, "code_of_conduct_accepted": true}"#,
         "application/json", 400),
    ])
    func malformed(body: String, contentType: String, status: Int) async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/stakeholders", rawBody: body, contentType: contentType)
            #expect(response.isProblem(status), "\(response.status) \(response.bodyText)")
            #expect(try await app.stakeholderCount() == 0)
        }
    }

    @Test("an oversized body is a 413 problem")
    func oversized() async throws {
        try await TestHarness.run { app in
            let huge = String(repeating: "x", count: 70 * 1024)
            let response = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["description": huge]))
            #expect(response.isProblem(413))
            #expect(try await app.stakeholderCount() == 0)
        }
    }

    @Test("membership must name existing networks")
    func membership() async throws {
        try await TestHarness.run { app in
            let network = try await app.registerApproved(["name": "Alliance", "kind": "network"])
            let ngo = try await app.registerApproved(["name": "Some NGO"])
            let missing = "stk_" + String(repeating: "0", count: 20)
            let bad = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["member_of": [ngo.id, missing]]))
            #expect(bad.isProblem(422))
            #expect(try bad.problemFields() == ["member_of[0]", "member_of[1]"])

            let pendingNetwork = try await app.register(["name": "Pending network", "kind": "network"])
            let member = try await app.registerApproved(["name": "Member NGO", "member_of": [network.id, pendingNetwork.id]])
            // The public sees only the approved network; API keys see both
            let publicView = try await app.send(.get, "/v1/stakeholders/\(member.id)").object()
            #expect(publicView["member_of"] as? [String] == [network.id])
            let fullView = try await app.send(.get, "/v1/stakeholders/\(member.id)", token: app.readerKey).object()
            #expect(fullView["member_of"] as? [String] == [network.id, pendingNetwork.id])
            #expect(try await app.send(.get, "/v1/stakeholders?member_of=\(pendingNetwork.id)").items().isEmpty)
            #expect(try await app.send(.get, "/v1/stakeholders?member_of=\(pendingNetwork.id)", token: app.readerKey).items().count == 1)
            let members = try await app.send(.get, "/v1/stakeholders/\(network.id)/members")
            #expect(try members.items().map { $0["id"] as? String } == [member.id])
            let filtered = try await app.send(.get, "/v1/stakeholders?member_of=\(network.id)")
            #expect(try filtered.items().map { $0["id"] as? String } == [member.id])
        }
    }

    @Test("a likely duplicate is registered all the same, flagged for staff only")
    func possibleDuplicates() async throws {
        try await TestHarness.run { app in
            // Given an organisation already registered
            let first = try await app.register()
            // When the same name (other case, punctuation, accents) registers from the same country, or the same contact e-mail
            let sameName = try await app.register(["name": "OBSERVATORIO CIUDADANO DE LA TRATA.", "contact": ["name": "Luis", "email": "luis@example.org"]])
            let sameEmail = try await app.register(["name": "Otra Organización", "country": "PE"])
            let unrelated = try await app.register(["name": "Observatorio Ciudadano de la Trata", "country": "PE", "contact": ["name": "Eva", "email": "eva@example.org"]])
            // Then each is created, and staff see which it resembles
            func flagged(_ id: String) async throws -> [String]? {
                try await app.send(.get, "/v1/stakeholders/\(id)", token: app.staffKey).object()["possible_duplicate_of"] as? [String]
            }
            #expect(try await app.stakeholderCount() == 4)
            #expect(try await flagged(first.id) == [])
            #expect(try await flagged(sameName.id) == [first.id])
            #expect(try await flagged(sameEmail.id) == [first.id])
            #expect(try await flagged(unrelated.id) == [])   // same name, another country
            // The organisation itself is not told of the others
            let own = try await app.send(.get, "/v1/stakeholders/\(sameName.id)", token: sameName.token).object()
            #expect(own["possible_duplicate_of"] == nil)
            let registered = try await app.send(.post, "/v1/stakeholders", json: TestHarness.registration(["country": "MX"])).object()
            #expect(registered["possible_duplicate_of"] == nil)
        }
    }
}
