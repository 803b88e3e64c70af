import Foundation
import HTTPTypes
import Testing

@Suite("Events: create, read, patch, list")
struct EventTests {
    @Test("staff create an event: 201 with Location, ETag and every field, nulls explicit")
    func create() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event(["online_url": NSNull()]))
            #expect(response.status == .created)
            let json = try response.object()
            let id = try #require(json["id"] as? String)
            #expect(id.hasPrefix("evt_"))
            #expect(response.headers[.location] == "/v1/events/\(id)")
            #expect(response.headers[.eTag] == "\"v1-fullen\"")
            #expect(json["status"] as? String == "scheduled")
            #expect(json["starts_on"] as? String == "2027-10-11")
            #expect((json["location"] as? [String: Any])?["city"] as? String == "Vienna")
            #expect((json["registration"] as? [String: Any])?["closes_at"] as? String == "2027-09-01T00:00:00Z")
            #expect((json["side_event_applications"] as? [String: Any])?["max_per_organizer"] as? Int == 1)
            // Explicit nulls: absent values are present as null.
            #expect(json["online_url"] is NSNull)
            #expect(json["parent_event_id"] is NSNull)
            #expect(json["status_reason"] is NSNull)

            let fetched = try await app.send(.get, "/v1/events/\(id)")
            #expect(fetched.status == .ok)
            #expect(try fetched.object()["title"] as? String == json["title"] as? String)
            let cached = try await app.send(.get, "/v1/events/\(id)", headers: ["If-None-Match": "\"v1-fullen\""])
            #expect(cached.status == .notModified)
        }
    }

    @Test("only staff create events", arguments: ["anonymous", "reader", "stakeholder"])
    func createNeedsStaff(caller: String) async throws {
        try await TestHarness.run { app in
            let token: String? = switch caller {
            case "reader": app.readerKey
            case "stakeholder": try await app.registerApproved().token
            default: nil
            }
            let response = try await app.send(.post, "/v1/events", token: token, json: TestHarness.event())
            #expect(response.isProblem(caller == "anonymous" ? 401 : 403))
            #expect(try await app.count("event") == 0)
        }
    }

    @Test("bad input names every bad field and stores nothing")
    func validation() async throws {
        try await TestHarness.run { app in
            let body = TestHarness.event([
                "title": "  ", "kind": "summit", "starts_on": "2027-10-15", "ends_on": "2027-10-11", "timezone": "Mars/Olympus",
                "location": ["city": "Vienna", "country": "XX", "floor": 3],
                "registration": ["opens_at": "2027-09-01T00:00:00Z", "closes_at": "2027-01-01T00:00:00Z"],
                "side_event_applications": ["opens_at": "yesterday"],
                "online_url": "ftp://example.org", "session_number": 1.5, "status": "completed", "agenda": "x",
            ])
            let response = try await app.send(.post, "/v1/events", token: app.staffKey, json: body)
            #expect(response.isProblem(422))
            let fields = Set(try response.problemFields())
            #expect(fields == [
                "title", "kind", "ends_on", "timezone", "location.country", "location.floor", "registration.closes_at",
                "side_event_applications.opens_at", "side_event_applications.closes_at", "online_url", "session_number", "status", "agenda",
            ])
            #expect(try await app.count("event") == 0)
        }
    }

    @Test("dates come in pairs; a date that does not exist is refused")
    func datePairs() async throws {
        try await TestHarness.run { app in
            let single = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event(["ends_on": NSNull()]))
            #expect(try single.problemFields() == ["ends_on"])
            let impossible = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event(["starts_on": "2027-02-30"]))
            #expect(try impossible.problemFields() == ["starts_on"])
            // No dates at all: announced without dates; it sorts last and stays out of calendars.
            let undated = try await app.createEvent(["starts_on": NSNull(), "ends_on": NSNull()])
            #expect(undated["starts_on"] is NSNull)
        }
    }

    @Test("a side event needs a top-level parent that exists")
    func parents() async throws {
        try await TestHarness.run { app in
            let noParent = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event(["kind": "side_event"]))
            #expect(try noParent.problemFields() == ["parent_event_id"])
            let missing = try await app.send(.post, "/v1/events", token: app.staffKey,
                                             json: TestHarness.event(["kind": "side_event", "parent_event_id": "evt_00000000000000000000"]))
            #expect(missing.isProblem(422))
            let session = try await app.createEvent()
            let side = try await app.createEvent(["kind": "side_event", "parent_event_id": session["id"]!, "title": "Side event"])
            #expect(side["parent_event_id"] as? String == session["id"] as? String)
            let nested = try await app.send(.post, "/v1/events", token: app.staffKey,
                                            json: TestHarness.event(["kind": "side_event", "parent_event_id": side["id"]!]))
            #expect(try nested.problemFields() == ["parent_event_id"])
            #expect(try await app.count("event") == 2)
        }
    }

    @Test("unknown and malformed event IDs are 404")
    func notFound() async throws {
        try await TestHarness.run { app in
            let missing = try await app.send(.get, "/v1/events/evt_00000000000000000000")
            #expect(missing.isProblem(404))
            #expect(try await app.send(.get, "/v1/events/nonsense").isProblem(404))
            #expect(try await app.send(.patch, "/v1/events/evt_00000000000000000000", token: app.staffKey, json: ["title": "x"]).isProblem(404))
        }
    }

    @Test("PATCH merges nested objects, clears with null, honours If-Match")
    func patch() async throws {
        try await TestHarness.run { app in
            let event = try await app.createEvent()
            let id = event["id"] as! String
            // Given a patch of one nested member and a cleared window
            let response = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey,
                                              json: ["location": ["city": "Wien"], "side_event_applications": NSNull(), "title": "COP 13"],
                                              headers: ["If-Match": "\"v1-full\""])
            #expect(response.status == .ok)
            let json = try response.object()
            // Then the venue stays, the city changes, the window is gone
            #expect((json["location"] as? [String: Any])?["venue"] as? String == "Vienna International Centre")
            #expect((json["location"] as? [String: Any])?["city"] as? String == "Wien")
            #expect(json["side_event_applications"] is NSNull)
            #expect(json["title"] as? String == "COP 13")
            #expect(response.headers[.eTag] == "\"v2-fullen\"")

            // A stale If-Match is 412 and changes nothing
            let stale = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["title": "Other"], headers: ["If-Match": "\"v1-full\""])
            #expect(stale.isProblem(412))
            // A window patched into an invalid whole is 422, naming the nested field
            let invalid = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey,
                                             json: ["registration": ["closes_at": "2026-01-01T00:00:00Z"]])
            #expect(try invalid.problemFields() == ["registration.closes_at"])
            // A new window must be complete
            let partial = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey,
                                             json: ["side_event_applications": ["opens_at": "2027-02-01T00:00:00Z"]])
            #expect(try partial.problemFields() == ["side_event_applications.closes_at"])
            // Status is read-only
            #expect(try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["status": "cancelled"]).problemFields() == ["status"])
            let after = try await app.send(.get, "/v1/events/\(id)").object()
            #expect(after["title"] as? String == "COP 13")
            #expect(after["status"] as? String == "scheduled")

            let history = try await app.send(.get, "/v1/events/\(id)/history", token: app.readerKey).items()
            #expect(history.map { $0["action"] as? String } == ["created", "updated"])
            #expect(Set(history[1]["changed_fields"] as? [String] ?? []) == ["title", "location", "side_event_applications"])
        }
    }

    @Test("the list is in date order with undated events last, and pages through all of them")
    func listOrder() async throws {
        try await TestHarness.run { app in
            let later = try await app.createEvent(["title": "Later", "starts_on": "2028-03-01", "ends_on": "2028-03-02"])
            let undated = try await app.createEvent(["title": "Undated", "starts_on": NSNull(), "ends_on": NSNull()])
            let first = try await app.createEvent(["title": "First", "starts_on": "2027-01-10", "ends_on": "2027-01-12"])
            let sameDay = try await app.createEvent(["title": "Same day", "starts_on": "2027-01-10", "ends_on": "2027-01-10"])
            let expected = [first, sameDay, later, undated].map { $0["id"] as! String }

            let all = try await app.send(.get, "/v1/events").items().map { $0["id"] as! String }
            #expect(all == expected)

            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/events?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.send(.get, uri).object()
                seen += (page["data"] as! [[String: Any]]).map { $0["id"] as! String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && seen.count < 10
            #expect(seen == expected)
        }
    }

    @Test("list filters: kind, status, date overlap, country, parent, full text")
    func listFilters() async throws {
        try await TestHarness.run { app in
            let congress = try await app.createEvent([
                "title": "Crime Congress", "kind": "crime_congress", "starts_on": "2026-04-20", "ends_on": "2026-04-27",
                "location": ["city": "Abu Dhabi", "country": "AE"], "description": "Trafficking in persons and cybercrime.",
            ])
            let dialogue = try await app.createEvent([
                "title": "Constructive dialogue on firearms", "kind": "constructive_dialogue", "starts_on": "2026-04-27", "ends_on": "2026-04-28",
                "description": "Resolution 9/1 dialogue with stakeholders.",
            ])
            let side = try await app.createEvent([
                "title": "Side event on victims", "kind": "side_event", "parent_event_id": congress["id"]!,
                "starts_on": "2026-04-22", "ends_on": "2026-04-22",
            ])
            _ = try await app.lifecycle(dialogue["id"] as! String, "cancel", ["reason": "No quorum"])
            func ids(_ query: String) async throws -> Set<String> {
                let response = try await app.send(.get, "/v1/events?\(query)")
                try #require(response.status == .ok, "\(query): \(response.bodyText)")
                return Set(try response.items().map { $0["id"] as! String })
            }
            let (c, d, s) = (congress["id"] as! String, dialogue["id"] as! String, side["id"] as! String)
            #expect(try await ids("kind=crime_congress") == [c])
            #expect(try await ids("status=cancelled") == [d])
            #expect(try await ids("from=2026-04-27") == [c, d])           // the congress ends on the 27th: overlap counts
            #expect(try await ids("to=2026-04-21") == [c])
            #expect(try await ids("from=2026-04-23&to=2026-04-26") == [c])
            #expect(try await ids("country=ae") == [c])
            #expect(try await ids("parent_event_id=\(c)") == [s])
            #expect(try await ids("q=cybercrime") == [c])
            #expect(try await ids("q=firea") == [d])                      // the last word matches as a prefix
            #expect(try await ids("q=%22%22") == [])

            let bad = try await app.send(.get, "/v1/events?kind=summit&from=2026-13-01&status=&limit=0")
            #expect(bad.isProblem(400))
            #expect(Set(try bad.problemFields()) == ["kind", "from", "status", "limit"])
            // A range that ends before it starts is valid and empty, even where an event spans it
            let inverted = try await app.send(.get, "/v1/events?from=2026-04-25&to=2026-04-24")
            #expect(inverted.status == .ok)
            #expect(try inverted.items().isEmpty)
            #expect(try await ids("from=2026-04-24&to=2026-04-25") != [])
        }
    }
}
