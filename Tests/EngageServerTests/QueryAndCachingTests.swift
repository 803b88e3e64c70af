import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Strict queries and cache headers")
struct QueryAndCachingTests {
    @Test("an unknown query parameter, or one given twice, is a 400 naming it")
    func strictQueries() async throws {
        try await TestHarness.run { app in
            _ = try await app.createEvent()
            let unknown = try await app.send(.get, "/v1/events?sector=ngo&bogus=1&kind=cop_untoc")
            #expect(unknown.isProblem(400))
            #expect(Set(try unknown.problemFields()) == ["sector", "bogus"])
            let twice = try await app.send(.get, "/v1/stakeholders?kind=ngo&kind=academia")
            #expect(twice.isProblem(400))
            #expect(try twice.problemFields() == ["kind"])
            // Known parameters still work, and so does a bare list
            #expect(try await app.send(.get, "/v1/events?kind=cop_untoc&limit=5").items().count == 1)
            #expect(try await app.send(.get, "/v1/events").status == .ok)
            // member_of is the members endpoint's own path, not a parameter of it
            let network = try await app.registerApproved(["name": "Alliance", "kind": "network"])
            #expect(try await app.send(.get, "/v1/stakeholders/\(network.id)/members?member_of=\(network.id)").problemFields() == ["member_of"])
        }
    }

    @Test("reads vary by Authorization: public for the public, private for credentials, no-store for secrets")
    func cacheHeaders() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            let anonymous = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            #expect(anonymous.headers[.cacheControl] == "public, no-cache")
            #expect(anonymous.headers[.vary]?.contains("Authorization") == true)
            let staff = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey)
            #expect(staff.headers[.cacheControl] == "private, no-cache")
            #expect(staff.headers[.vary]?.contains("Authorization") == true)
            #expect(staff.headers[.eTag] != anonymous.headers[.eTag])
            let list = try await app.send(.get, "/v1/stakeholders", token: org.token)
            #expect(list.headers[.cacheControl] == "private, no-cache")
            let secret = try await app.send(.post, "/v1/stakeholders/\(org.id)/access-token", token: org.token)
            #expect(secret.headers[.cacheControl]?.contains("no-store") == true)
        }
    }

    @Test("CORS exposes the rate-limit headers and Content-Language")
    func corsExposes() async throws {
        var configuration = AppConfiguration(corsOrigins: ["https://whatson.example.org"])
        configuration.webhookWorker = false
        try await TestHarness.run(configuration: configuration) { app in
            let response = try await app.send(.get, "/v1/events", headers: ["Origin": "https://whatson.example.org"])
            let exposed = response.headers[HTTPField.Name("Access-Control-Expose-Headers")!] ?? ""
            for name in ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Content-Language"] {
                #expect(exposed.localizedCaseInsensitiveContains(name), "\(name) not exposed: \(exposed)")
            }
        }
    }
}

@Suite("List ETags")
struct ListETagTests {
    @Test("a page of a list carries a weak ETag of its content: 304 while unchanged, 200 with a new tag once it changes")
    func listETags() async throws {
        try await TestHarness.run { app in
            // Given a directory page
            _ = try await app.registerApproved(["name": "First Org"])
            let first = try await app.send(.get, "/v1/stakeholders?limit=5")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("W/\""))
            // When it is asked for again with its tag, Then 304 with the tag and the cache headers, no body
            let again = try await app.send(.get, "/v1/stakeholders?limit=5", headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            #expect(again.headers[.eTag] == etag && again.headers[.vary]?.contains("Authorization") == true)
            #expect(again.body.readableBytes == 0)
            // The strong form of the same tag matches too (weak comparison)
            #expect(try await app.send(.get, "/v1/stakeholders?limit=5", headers: ["If-None-Match": String(etag.dropFirst(2))]).status == .notModified)
            // When the list changes, Then the old tag no longer matches
            _ = try await app.registerApproved(["name": "Second Org", "contact": ["name": "B", "email": "b@example.org"]])
            let changed = try await app.send(.get, "/v1/stakeholders?limit=5", headers: ["If-None-Match": etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
            #expect(try changed.items().count == 2)
            // Another caller's view of the same URL has its own tag
            #expect(try await app.send(.get, "/v1/stakeholders?limit=5", token: app.staffKey).headers[.eTag] != changed.headers[.eTag])
        }
    }
}

@Suite("Comma-separated filters")
struct AnyOfFilterTests {
    @Test("an enumeration filter with several values, separated by commas, means any of them; a bad one is named")
    func anyOf() async throws {
        try await TestHarness.run { app in
            // Given organisations of three kinds in two regions, and events of three kinds
            let ngo = try await app.registerApproved(["name": "An NGO", "kind": "ngo", "country": "KE", "topics": ["cybercrime"]]).id
            let university = try await app.registerApproved(["name": "A University", "kind": "academia", "country": "MX",
                                                             "topics": ["corruption"], "contact": ["name": "U", "email": "u@example.org"]]).id
            let company = try await app.registerApproved(["name": "A Company", "kind": "private_sector", "country": "KE",
                                                          "topics": ["wildlife_crime"], "contact": ["name": "C", "email": "c@example.org"]]).id
            func ids(_ path: String, token: String? = nil) async throws -> Set<String> {
                let response = try await app.send(.get, path, token: token)
                try #require(response.status == .ok, "\(path): \(response.bodyText)")
                return Set(try response.items().compactMap { $0["id"] as? String })
            }
            // When the directory is filtered by two kinds, two regions or two topics, Then each is an OR
            #expect(try await ids("/v1/stakeholders?kind=ngo,academia") == [ngo, university])
            #expect(try await ids("/v1/stakeholders?region=africa,latin_america_caribbean&kind=private_sector,academia") == [company, university])
            #expect(try await ids("/v1/stakeholders?topic=cybercrime,corruption") == [ngo, university])
            #expect(try await ids("/v1/stakeholders?kind=ngo,ngo") == [ngo])
            // Staff combine statuses; the public may not ask for more than the approved
            let pending = try await app.register(["name": "Pending Org", "contact": ["name": "P", "email": "p@example.org"]]).id
            #expect(try await ids("/v1/stakeholders?status=approved,pending", token: app.staffKey) == [ngo, university, company, pending])
            #expect(try await app.send(.get, "/v1/stakeholders?status=approved,pending").isProblem(403))
            // A bad value anywhere in the list names the parameter
            for bad in ["kind=ngo,bogus", "kind=ngo,", "region=,africa", "topic=cybercrime;corruption"] {
                let response = try await app.send(.get, "/v1/stakeholders?\(bad)")
                #expect(response.isProblem(400), "\(bad)")
                #expect(try response.problemFields() == [String(bad.prefix { $0 != "=" })], "\(bad)")
            }

            // Events too: kinds and statuses
            let cop = try await app.createEvent()["id"] as! String
            let group = try await app.createEvent(["title": "Working group", "kind": "working_group"])["id"] as! String
            let webinar = try await app.createEvent(["title": "Webinar", "kind": "webinar"])["id"] as! String
            #expect(try await app.lifecycle(webinar, "cancel", ["reason": "No speakers"]).status == .ok)
            #expect(try await ids("/v1/events?kind=cop_untoc,working_group") == [cop, group])
            #expect(try await ids("/v1/events?status=scheduled,cancelled&kind=webinar,working_group") == [group, webinar])
            #expect(try await app.send(.get, "/v1/events.ics?kind=cop_untoc,working_group").bodyText.components(separatedBy: "BEGIN:VEVENT").count == 3)
        }
    }
}
