import Foundation
import HTTPTypes
import Testing

@Suite("Statistics")
struct StatisticsTests {
    @Test("the directory's counts match the seeded organisations, counted independently, approved only")
    func directory() async throws {
        try await TestHarness.run { app in
            // Given organisations of several kinds, countries and topics, some not approved
            let seeded: [(name: String, kind: String, country: String, topics: [String], approved: Bool)] = [
                ("Alpha", "ngo", "MX", ["trafficking_in_persons", "victim_support"], true),
                ("Beta", "ngo", "KE", ["cybercrime"], true),
                ("Gamma", "academia", "KE", ["cybercrime", "corruption"], true),
                ("Delta", "private_sector", "FR", [], true),
                ("Epsilon", "ngo", "MX", ["corruption"], false),
            ]
            for org in seeded {
                let body: [String: Any] = ["name": org.name, "kind": org.kind, "country": org.country, "topics": org.topics,
                                           "contact": ["name": "C", "email": "\(org.name.lowercased())@example.org"]]
                if org.approved { _ = try await app.registerApproved(body) } else { _ = try await app.register(body) }
            }
            // When the public asks for the figures
            let response = try await app.send(.get, "/v1/statistics/directory")
            #expect(response.status == .ok)
            let json = try response.object()
            func counts(_ key: String) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: (json[key] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0["count"] as! Int) })
            }
            // Then they are what the seed says, grouping by hand
            let approved = seeded.filter(\.approved)
            #expect(json["total"] as? Int == approved.count)
            #expect(counts("by_kind") == Dictionary(approved.map { ($0.kind, 1) }, uniquingKeysWith: +))
            #expect(counts("by_country") == Dictionary(approved.map { ($0.country, 1) }, uniquingKeysWith: +))
            #expect(counts("by_topic") == Dictionary(approved.flatMap { $0.topics.map { ($0, 1) } }, uniquingKeysWith: +))
            #expect(counts("by_region") == ["latin_america_caribbean": 1, "africa": 2, "western_europe_others": 1])
            let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
            #expect(counts("by_month") == [month: approved.count])
            #expect(try await app.send(.get, "/v1/statistics/directory?by=kind").isProblem(400))
        }
    }
}
