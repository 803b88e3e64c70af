import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Events: the regional group a meeting serves and its topics, and the list filters on them")
struct EventRegionTopicTests {
    @Test("region and topics are stored, shown, patched, and filter the list and the calendar (comma-separated: any of them)")
    func filters() async throws {
        try await TestHarness.run { app in
            // Given a regional meeting for Africa on firearms, one for Asia-Pacific on trafficking and smuggling, and a global one
            let africa = try await app.createEvent(["region": "africa", "topics": ["firearms"]])["id"] as! String
            let asia = try await app.createEvent(["region": "asia_pacific", "topics": ["trafficking_in_persons", "smuggling_of_migrants"]])
            let asiaID = asia["id"] as! String
            let global = try await app.createEvent(["title": "Global meeting"])
            #expect(asia["region"] as? String == "asia_pacific")
            #expect(asia["topics"] as? [String] == ["trafficking_in_persons", "smuggling_of_migrants"])
            #expect(global["region"] is NSNull)
            #expect(global["topics"] as? [String] == [])
            func ids(_ query: String) async throws -> Set<String> {
                let response = try await app.send(.get, "/v1/events?\(query)")
                try #require(response.status == .ok, "\(query): \(response.bodyText)")
                return Set(try response.items().compactMap { $0["id"] as? String })
            }
            // When the list is filtered, then only the matching meetings come
            #expect(try await ids("region=africa") == [africa])
            #expect(try await ids("region=africa,asia_pacific") == [africa, asiaID])
            #expect(try await ids("topic=smuggling_of_migrants") == [asiaID])
            #expect(try await ids("topic=firearms,smuggling_of_migrants") == [africa, asiaID])
            #expect(try await ids("topic=firearms&region=asia_pacific") == [])
            #expect(try await ids("topic=cybercrime") == [])
            let calendar = try await app.send(.get, "/v1/events.ics?region=asia_pacific")
            #expect(calendar.status == .ok)
            #expect(calendar.bodyText.contains("UID:\(asiaID)@engage"))
            #expect(!calendar.bodyText.contains("UID:\(africa)@engage"))

            // When staff patch: topics are replaced, and null clears the region
            let patched = try await app.send(.patch, "/v1/events/\(asiaID)", token: app.staffKey, json: ["region": NSNull(), "topics": ["cybercrime"]])
            try #require(patched.status == .ok, "\(patched.bodyText)")
            #expect(try patched.object()["region"] is NSNull)
            #expect(try await ids("topic=cybercrime") == [asiaID])
            #expect(try await ids("topic=smuggling_of_migrants") == [])
            #expect(try await ids("region=asia_pacific") == [])
        }
    }

    @Test("an unknown region or topic is named, in the body (422) and in the query (400), and changes nothing")
    func refusals() async throws {
        try await TestHarness.run { app in
            // Given a meeting for Africa on firearms
            let id = try await app.createEvent(["region": "africa", "topics": ["firearms"]])["id"] as! String
            // When a patch names an unknown region and topic
            let refused = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey,
                                             json: ["region": "antarctica", "topics": ["firearms", "piracy"]])
            // Then both fields are named, and the event is as it was
            #expect(refused.isProblem(422))
            #expect(try Set(refused.problemFields()) == ["region", "topics[1]"])
            let event = try await app.send(.get, "/v1/events/\(id)").object()
            #expect(event["region"] as? String == "africa")
            #expect(event["topics"] as? [String] == ["firearms"])
            #expect(event["version"] as? Int == 1)
            // And an unknown value in a filter is a 400 naming it
            let badRegion = try await app.send(.get, "/v1/events?region=africa,antarctica")
            #expect(badRegion.isProblem(400))
            #expect(try badRegion.problemFields() == ["region"])
            let badTopic = try await app.send(.get, "/v1/events.ics?topic=piracy")
            #expect(badTopic.isProblem(400))
            #expect(try badTopic.problemFields() == ["topic"])
        }
    }
}
