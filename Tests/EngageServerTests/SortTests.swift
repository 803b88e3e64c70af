import Foundation
import HTTPTypes
import Testing

@Suite("sort: ordered lists that page by keyset")
struct SortTests {
    /// Every page of `path` (which carries its filters and `sort`), `limit` at a time, following `next_cursor`.
    static func all(_ app: TestHarness, _ path: String, limit: Int = 1, token: String? = nil) async throws -> [[String: Any]] {
        var items: [[String: Any]] = [], cursor: String?
        repeat {
            let page = try await app.send(.get, path + "&limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token).object()
            items += try #require(page["data"] as? [[String: Any]])
            cursor = page["next_cursor"] as? String
        } while cursor != nil
        return items
    }

    @Test("the directory A–Z (accents and case ignored), newest first and last changed first, page after page")
    func directory() async throws {
        try await TestHarness.run { app in
            // Given four approved organisations, registered in this order
            var ids: [String: String] = [:]
            for (name, acronym) in [("Zeta Alliance", "ZA"), ("alpha Network", "AN"), ("Ébène Institute", "EI"), ("Beta Watch", "BW")] {
                ids[name] = try await app.registerApproved(["name": name, "acronym": acronym]).id
            }
            func names(_ query: String) async throws -> [String] {
                try await Self.all(app, "/v1/stakeholders?\(query)").map { $0["name"] as! String }
            }
            // When the directory is read A–Z, Z–A and newest first, one per page
            // Then each order holds across pages
            #expect(try await names("sort=name") == ["alpha Network", "Beta Watch", "Ébène Institute", "Zeta Alliance"])
            #expect(try await names("sort=-name") == ["Zeta Alliance", "Ébène Institute", "Beta Watch", "alpha Network"])
            #expect(try await names("sort=-created_at") == ["Beta Watch", "Ébène Institute", "alpha Network", "Zeta Alliance"])
            #expect(try await names("sort=created_at") == ["Zeta Alliance", "alpha Network", "Ébène Institute", "Beta Watch"])
            // And the one changed last comes first by -updated_at
            #expect(try await app.send(.patch, "/v1/stakeholders/\(ids["alpha Network"]!)", token: app.staffKey,
                                       json: ["description": "Now with a description."]).status == .ok)
            #expect(try await names("sort=-updated_at").first == "alpha Network")
            #expect(try await names("sort=updated_at").last == "alpha Network")
        }
    }

    @Test("a record added while a client pages never shifts what follows; a cursor keeps its order")
    func stableUnderInserts() async throws {
        try await TestHarness.run { app in
            // Given three organisations, read A–Z one per page
            for (name, acronym) in [("Bravo", "B"), ("Delta", "D"), ("Foxtrot", "F")] {
                _ = try await app.registerApproved(["name": name, "acronym": acronym])
            }
            let first = try await app.send(.get, "/v1/stakeholders?sort=name&limit=1").object()
            #expect((first["data"] as? [[String: Any]])?.first?["name"] as? String == "Bravo")
            let cursor = try #require(first["next_cursor"] as? String)
            // When one sorting before the cursor and one after it are added
            _ = try await app.registerApproved(["name": "Alpha", "acronym": "A"])
            _ = try await app.registerApproved(["name": "Echo", "acronym": "E"])
            // Then the next pages hold what follows the cursor, the new one in its place, and nothing twice
            var names: [String] = [], next: String? = cursor
            while let position = next {
                let page = try await app.send(.get, "/v1/stakeholders?sort=name&limit=2&cursor=\(position)").object()
                names += (page["data"] as? [[String: Any]] ?? []).map { $0["name"] as! String }
                next = page["next_cursor"] as? String
            }
            #expect(names == ["Delta", "Echo", "Foxtrot"])
            // And the cursor belongs to its order: with another one, or with a bad sort, it is a 400 naming the parameter
            #expect(try await app.send(.get, "/v1/stakeholders?sort=-name&cursor=\(cursor)").problemFields() == ["cursor"])
            #expect(try await app.send(.get, "/v1/stakeholders?sort=size").problemFields() == ["sort"])
            #expect(try await app.send(.get, "/v1/stakeholders?sort=-relevance").problemFields() == ["sort"])
            // And relevance without a query is the default order
            let plain = try await app.send(.get, "/v1/stakeholders").items().map { $0["id"] as! String }
            #expect(try await app.send(.get, "/v1/stakeholders?sort=relevance").items().map { $0["id"] as! String } == plain)
        }
    }

    @Test("events by start date either way (undated last, or first newest-first), and by creation")
    func events() async throws {
        try await TestHarness.run { app in
            // Given events on 3 and 1 May, and one postponed to no date
            let may3 = try await app.createEvent(["starts_on": "2027-05-03", "ends_on": "2027-05-03"])["id"] as! String
            let may1 = try await app.createEvent(["starts_on": "2027-05-01", "ends_on": "2027-05-01"])["id"] as! String
            let undated = try await app.createEvent(["starts_on": "2027-06-01", "ends_on": "2027-06-02"])["id"] as! String
            #expect(try await app.lifecycle(undated, "postpone", ["reason": "Liquidity crisis"]).status == .ok)
            func ids(_ query: String) async throws -> [String] {
                try await Self.all(app, "/v1/events?\(query)").map { $0["id"] as! String }
            }
            // Then the default is soonest first, undated last; -starts_on is the archive, undated first
            #expect(try await ids("sort=starts_on") == [may1, may3, undated])
            #expect(try await app.send(.get, "/v1/events").items().map { $0["id"] as! String } == [may1, may3, undated])
            #expect(try await ids("sort=-starts_on") == [undated, may3, may1])
            #expect(try await ids("sort=-created_at") == [undated, may1, may3])
            #expect(try await app.send(.patch, "/v1/events/\(may3)", token: app.staffKey, json: ["description": "Agenda published."]).status == .ok)
            #expect(try await ids("sort=-updated_at").first == may3)
            #expect(try await ids("sort=updated_at").last == may3)
            #expect(try await app.send(.get, "/v1/events?sort=name").problemFields() == ["sort"])
        }
    }
}

extension SortTests {
    @Test("resources newest first, also when searching")
    func resources() async throws {
        try await TestHarness.run { app in
            // Given three resources created in this order
            for title in ["Toolkit on the review mechanism", "Guide for civil society", "Annual report"] {
                let created = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                    "kind": "guide", "title": title, "url": "https://www.unodc.org/\(title.count)", "languages": ["en"],
                ])
                #expect(created.status == .created)
            }
            func titles(_ query: String) async throws -> [String] {
                try await Self.all(app, "/v1/resources?\(query)").map { $0["title"] as! String }
            }
            #expect(try await titles("sort=-created_at") == ["Annual report", "Guide for civil society", "Toolkit on the review mechanism"])
            // And a search keeps its matches in the order asked for
            #expect(try await titles("q=r&sort=-created_at") == ["Annual report", "Toolkit on the review mechanism"])
            #expect(try await titles("q=r&sort=created_at") == ["Toolkit on the review mechanism", "Annual report"])
            // And titles, one per language, have no single order
            #expect(try await app.send(.get, "/v1/resources?sort=title").problemFields() == ["sort"])
        }
    }
}
