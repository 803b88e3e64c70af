import Foundation
import HTTPTypes
import Testing

@Suite("Public directory, visibility and search")
struct DirectoryTests {
    @Test("the public sees approved stakeholders only, without private fields")
    func publicVisibility() async throws {
        try await TestHarness.run { app in
            // Given one approved and one pending stakeholder
            let approved = try await app.registerApproved(["name": "Approved Org"])
            let pending = try await app.register(["name": "Pending Org"])

            // Then the public directory lists only the approved one, without contact data
            let list = try await app.send(.get, "/v1/stakeholders")
            let items = try list.items()
            #expect(items.map { $0["id"] as? String } == [approved.id])
            #expect(items[0]["contact"] == nil)
            #expect(items[0]["code_of_conduct_accepted_at"] == nil)
            #expect(!list.bodyText.contains("example.org\",\"name"))

            // And the pending one does not exist for the public
            #expect(try await app.send(.get, "/v1/stakeholders/\(pending.id)").isProblem(404))
            let publicView = try await app.send(.get, "/v1/stakeholders/\(approved.id)")
            #expect(try publicView.object()["contact"] == nil)

            // But the organisation itself, and any API key, see everything
            let own = try await app.send(.get, "/v1/stakeholders/\(pending.id)", token: pending.token)
            #expect(own.status == .ok)
            #expect((try own.object()["contact"] as? [String: Any])?["email"] as? String == "ana.perez@example.org")
            let reader = try await app.send(.get, "/v1/stakeholders/\(pending.id)", token: app.readerKey)
            #expect(reader.status == .ok)
            #expect(try reader.object()["contact"] != nil)

            // And another stakeholder's token does not reveal it
            #expect(try await app.send(.get, "/v1/stakeholders/\(pending.id)", token: approved.token).isProblem(404))
        }
    }

    @Test("status filter: API keys may list any status, the public only approved")
    func statusFilter() async throws {
        try await TestHarness.run { app in
            _ = try await app.registerApproved(["name": "Approved Org"])
            let pending = try await app.register(["name": "Pending Org"])
            let staffList = try await app.send(.get, "/v1/stakeholders?status=pending", token: app.readerKey)
            #expect(try staffList.items().map { $0["id"] as? String } == [pending.id])
            #expect(try await app.send(.get, "/v1/stakeholders?status=pending").isProblem(403))
            #expect(try await app.send(.get, "/v1/stakeholders?status=approved").status == .ok)
        }
    }

    @Test("filters by kind, country, region and topic")
    func filters() async throws {
        try await TestHarness.run { app in
            let kenya = try await app.registerApproved(["name": "Nairobi Cyber Lab", "kind": "academia", "country": "KE", "topics": ["cybercrime"]])
            let peru = try await app.registerApproved(["name": "Lima Shelter", "kind": "ngo", "country": "pe", "topics": ["victim_support"]])
            func ids(_ query: String) async throws -> [String] {
                try await app.send(.get, "/v1/stakeholders?\(query)").items().compactMap { $0["id"] as? String }
            }
            #expect(try await ids("kind=academia") == [kenya.id])
            #expect(try await ids("country=PE") == [peru.id])
            #expect(try await ids("country=ke") == [kenya.id])
            #expect(try await ids("region=africa") == [kenya.id])
            #expect(try await ids("topic=victim_support") == [peru.id])
            #expect(try await ids("region=africa&topic=victim_support") == [])
        }
    }

    @Test("full-text search is ranked and matches prefixes and acronyms")
    func search() async throws {
        try await TestHarness.run { app in
            let strong = try await app.registerApproved(["name": "Trafficking Survivors Network", "acronym": "TSN",
                                                          "description": "Trafficking survivors helping trafficking survivors."])
            let weak = try await app.registerApproved(["name": "Coastal Fisheries Watch", "acronym": "CFW",
                                                        "description": "Also reports labour trafficking at sea."])
            _ = try await app.registerApproved(["name": "Firearms Control Group", "acronym": "FCG", "description": "Small arms."])
            let results = try await app.send(.get, "/v1/stakeholders?q=traffick").items().compactMap { $0["id"] as? String }
            #expect(results == [strong.id, weak.id])
            let byAcronym = try await app.send(.get, "/v1/stakeholders?q=cfw").items().compactMap { $0["id"] as? String }
            #expect(byAcronym == [weak.id])
            // Punctuation alone is no search term: nothing matches (and FTS5 syntax is never passed through)
            let operators = try await app.send(.get, "/v1/stakeholders?q=%22%29%28*%20OR%20NEAR")
            #expect(operators.status == .ok)
            #expect(try operators.items().isEmpty)
            let symbols = try await app.send(.get, "/v1/stakeholders?q=%22%29%28*")
            #expect(try symbols.items().isEmpty)
        }
    }

    @Test("bad query parameters are each named in one 400 problem")
    func badQuery() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.get, "/v1/stakeholders?kind=charity&country=XX&region=mars&topic=gardening&limit=0&cursor=zzz&member_of=abc")
            #expect(response.isProblem(400))
            #expect(Set(try response.problemFields()) == ["kind", "country", "region", "topic", "limit", "cursor", "member_of"])
            #expect(try await app.send(.get, "/v1/stakeholders?limit=201").isProblem(400))
            let empty = try await app.send(.get, "/v1/stakeholders?kind=&cursor=&q=")
            #expect(empty.isProblem(400))
            #expect(Set(try empty.problemFields()) == ["kind", "cursor"])
            #expect(try await app.send(.get, "/v1/stakeholders?limit=abc").isProblem(400))
        }
    }

    @Test("paging returns every row once, even while rows are added")
    func paging() async throws {
        try await TestHarness.run { app in
            var created: [String] = []
            for index in 0..<5 { created.append(try await app.registerApproved(["name": "Org \(index)"]).id) }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "/v1/stakeholders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.send(.get, query).object()
                seen += (page["data"] as! [[String: Any]]).compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
                pages += 1
                // While the client pages, another organisation joins
                if pages == 1 { created.append(try await app.registerApproved(["name": "Late Org"]).id) }
            } while cursor != nil && pages < 10
            #expect(seen == created)
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test("cursors are sealed to their list and filters: edited, made up or reused elsewhere is a 400 naming cursor")
    func sealedCursors() async throws {
        try await TestHarness.run { app in
            // Given three NGOs and two academic organisations
            for index in 0..<3 { _ = try await app.registerApproved(["name": "NGO \(index)", "kind": "ngo"]) }
            for index in 0..<2 { _ = try await app.registerApproved(["name": "Academia \(index)", "kind": "academia"]) }
            let first = try await app.send(.get, "/v1/stakeholders?kind=ngo&limit=1").object()
            let cursor = try #require(first["next_cursor"] as? String)
            // The cursor shows no position and is not one of the old readable shapes
            #expect(!cursor.hasPrefix("s_") && cursor.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })

            // With the same filters (and another limit, or the parameters in another order) it pages on
            let second = try await app.send(.get, "/v1/stakeholders?limit=5&cursor=\(cursor)&kind=ngo")
            #expect(second.status == .ok)
            #expect(try second.items().count == 2)

            // With other filters, on another list, edited, or made up, it is refused
            var edited = Array(cursor)
            edited[edited.count / 2] = edited[edited.count / 2] == "A" ? "B" : "A"
            for path in [
                "/v1/stakeholders?kind=academia&cursor=\(cursor)", "/v1/stakeholders?cursor=\(cursor)",
                "/v1/events?cursor=\(cursor)", "/v1/stakeholders?kind=ngo&cursor=\(String(edited))", "/v1/stakeholders?kind=ngo&cursor=s_1",
            ] {
                let refused = try await app.send(.get, path)
                #expect(refused.isProblem(400), "\(path)")
                #expect(try refused.problemFields() == ["cursor"], "\(path)")
            }
        }
    }

    @Test("a list's last page says next_cursor: null")
    func lastPage() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.get, "/v1/stakeholders")
            #expect(response.bodyText.contains("\"next_cursor\":null"))
        }
    }

    @Test("CSV cells that start with a fullwidth formula sign or a byte order mark are defused too", arguments: [
        "＝HYPERLINK(\"http://evil\")", "＋1+1", "－2", "＠SUM(A1)", "\u{FEFF}=1+1",
    ])
    func csvFullwidth(name: String) async throws {
        try await TestHarness.run { app in
            _ = try await app.registerApproved(["name": name])
            let lines = try await app.send(.get, "/v1/stakeholders.csv", token: app.readerKey).bodyText
                .components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 2)
            #expect(lines[1].contains(",'\(name)") || lines[1].contains(",\"'\(name.replacingOccurrences(of: "\"", with: "\"\""))"), "\(lines[1])")
        }
    }

    @Test("CSV export carries every column, defuses formulas, and is for API keys only")
    func csvExport() async throws {
        try await TestHarness.run { app in
            _ = try await app.registerApproved(["name": "=HYPERLINK(\"http://evil\")", "acronym": "Q, \"quoted\""])
            #expect(try await app.send(.get, "/v1/stakeholders.csv").isProblem(401))
            let response = try await app.send(.get, "/v1/stakeholders.csv?kind=ngo", token: app.readerKey)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = response.bodyText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("id,name,acronym,kind,country,region"))
            #expect(lines[1].contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",\"Q, \"\"quoted\"\"\",ngo,MX,"))
            #expect(lines[1].contains("ana.perez@example.org"))
            let none = try await app.send(.get, "/v1/stakeholders.csv?kind=academia", token: app.staffKey)
            #expect(none.bodyText.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        }
    }

    @Test("GET honours If-None-Match with 304")
    func notModified() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved()
            let first = try await app.send(.get, "/v1/stakeholders/\(org.id)")
            let etag = try #require(first.headers[.eTag])
            let second = try await app.send(.get, "/v1/stakeholders/\(org.id)", headers: ["If-None-Match": etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            // The full representation has a different tag than the public one
            let full = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.readerKey, headers: ["If-None-Match": etag])
            #expect(full.status == .ok)
        }
    }

    @Test("malformed and unknown IDs are 404 problems")
    func unknownIDs() async throws {
        try await TestHarness.run { app in
            let malformed = try await app.send(.get, "/v1/stakeholders/nope")
            let unknown = try await app.send(.get, "/v1/stakeholders/stk_00000000000000000000")
            let noRoute = try await app.send(.get, "/v1/nothing-here")
            #expect(malformed.isProblem(404))
            #expect(unknown.isProblem(404))
            #expect(noRoute.isProblem(404))
        }
    }
}
