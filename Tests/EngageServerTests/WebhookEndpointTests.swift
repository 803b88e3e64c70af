import EngageCore
import EngageDomain
import Foundation
import HTTPTypes
import Testing

@Suite("Webhook endpoints: subscriptions, access, validation")
struct WebhookEndpointTests {
    private static let url = "https://hooks.example.org/engage"

    @Test("staff create an endpoint; the secret is shown once")
    func create() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey,
                                              json: ["url": Self.url, "event_types": ["event.cancelled"], "description": "Secretariat CRM"])
            #expect(response.status == .created)
            #expect(response.headers[.cacheControl] == "no-store")
            let json = try response.object()
            let id = try #require(json["id"] as? String)
            #expect(id.hasPrefix("whe_"))
            #expect((json["secret"] as? String)?.hasPrefix("whsec_") == true)
            #expect(json["stakeholder_id"] == nil)
            #expect(json["enabled"] as? Bool == true)
            let fetched = try await app.send(.get, "/v1/webhook-endpoints/\(id)", token: app.readerKey).object()
            #expect(fetched["secret"] == nil)
            #expect(fetched["event_types"] as? [String] == ["event.cancelled"])
            // The secret is not stored in clear
            let stored = try await app.database.rows("SELECT secret_sealed FROM webhook_endpoint", []).first?.data("secret_sealed")
            #expect(stored.map { String(decoding: $0, as: UTF8.self).contains(json["secret"] as! String) } == false)
        }
    }

    @Test("who may create: staff for themselves, a stakeholder for itself; not readers, not anonymous")
    func createAccess() async throws {
        try await TestHarness.run { app in
            #expect(try await app.send(.post, "/v1/webhook-endpoints", json: ["url": Self.url]).isProblem(401))
            #expect(try await app.send(.post, "/v1/webhook-endpoints", token: app.readerKey, json: ["url": Self.url]).isProblem(403))
            let org = try await app.register()
            let own = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": Self.url])
            #expect(own.status == .created)
            #expect(try own.object()["stakeholder_id"] as? String == org.id)
            #expect(try await app.count("webhook_endpoint") == 1)
        }
    }

    @Test("bad subscriptions name every bad field and store nothing")
    func validation() async throws {
        try await TestHarness.run { app in
            let bad = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: [
                "url": "ftp://example.org", "event_types": ["stakeholder.approved", "event.exploded", "webhook.test"],
                "secret": "whsec_mine", "colour": "blue",
            ])
            #expect(bad.isProblem(422))
            #expect(Set(try bad.problemFields()) == ["url", "event_types[1]", "event_types[2]", "secret", "colour"])
            for url in ["https://127.0.0.1/x", "https://[::1]/x", "https://169.254.169.254/", "http://example.org/x", "https://localhost/x"] {
                let refused = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": url])
                #expect(try refused.problemFields() == ["url"], "\(url)")
            }
            let org = try await app.register()
            let staffOnly = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": Self.url, "event_types": ["event.created"]])
            #expect(try staffOnly.problemFields() == ["event_types[0]"])
            #expect(try await app.count("webhook_endpoint") == 0)
        }
    }

    @Test("a stakeholder sees and manages only its own endpoints; readers see staff endpoints and change none")
    func scopes() async throws {
        try await TestHarness.run { app in
            let a = try await app.register(["name": "Org A"]), b = try await app.register(["name": "Org B"])
            let ownA = try await app.send(.post, "/v1/webhook-endpoints", token: a.token, json: ["url": Self.url]).object()["id"] as! String
            let staff = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": Self.url]).object()["id"] as! String

            #expect(try await app.send(.get, "/v1/webhook-endpoints", token: a.token).items().map { $0["id"] as? String } == [ownA])
            #expect(try await app.send(.get, "/v1/webhook-endpoints/\(staff)", token: a.token).isProblem(404))
            #expect(try await app.send(.patch, "/v1/webhook-endpoints/\(ownA)", token: b.token, json: ["enabled": false]).isProblem(404))
            // A stakeholder's endpoint URL may be a capability: its owner and staff only
            #expect(try await app.send(.get, "/v1/webhook-endpoints", token: app.readerKey).items().map { $0["id"] as? String } == [staff])
            #expect(try await app.send(.get, "/v1/webhook-endpoints/\(ownA)", token: app.readerKey).isProblem(404))
            #expect(try await app.send(.get, "/v1/webhook-endpoints", token: app.staffKey).items().count == 2)
            #expect(try await app.send(.patch, "/v1/webhook-endpoints/\(staff)", token: app.readerKey, json: ["enabled": false]).isProblem(403))
            #expect(try await app.send(.get, "/v1/webhook-endpoints").isProblem(401))

            // The owner disables, tests (refused while disabled), re-enables, rotates, deletes
            let disabled = try await app.send(.patch, "/v1/webhook-endpoints/\(ownA)", token: a.token, json: ["enabled": false]).object()
            #expect(disabled["enabled"] as? Bool == false && disabled["disabled_reason"] as? String == "disabled by its owner")
            #expect(try await app.send(.post, "/v1/webhook-endpoints/\(ownA)/test", token: a.token).isProblem(409))
            #expect(try await app.send(.patch, "/v1/webhook-endpoints/\(ownA)", token: a.token, json: ["enabled": true]).object()["disabled_reason"] == nil)
            let test = try await app.send(.post, "/v1/webhook-endpoints/\(ownA)/test", token: a.token)
            #expect(test.status == .accepted)
            #expect(try test.object()["event_type"] as? String == "webhook.test")
            let rotated = try await app.send(.post, "/v1/webhook-endpoints/\(ownA)/rotate-secret", token: a.token)
            #expect(rotated.status == .ok)
            #expect(try rotated.object()["secret"] as? String != nil)
            #expect(try await app.send(.delete, "/v1/webhook-endpoints/\(ownA)", token: a.token).status == .noContent)
            #expect(try await app.send(.get, "/v1/webhook-endpoints/\(ownA)", token: a.token).isProblem(404))
        }
    }

    @Test("the event types are listed with what each means")
    func eventTypes() async throws {
        try await TestHarness.run { app in
            let types = try await app.send(.get, "/v1/webhook-event-types").items()
            #expect(types.count == NotificationType.allCases.count)
            #expect(types.allSatisfy { ($0["description"] as? String)?.isEmpty == false })
            #expect(types.contains { $0["type"] as? String == "event.postponed" && $0["sent_to_stakeholders"] as? Bool == true })
        }
    }

    @Test("cancelling an event queues the cancellation and the closed registration for the registered stakeholder's endpoint")
    func cancellationNotifications() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            let endpoint = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": Self.url]).object()["id"] as! String
            _ = try await app.registerFor(id, org)
            _ = try await app.lifecycle(id, "cancel", ["reason": "Cancelled"])
            let log = try await app.send(.get, "/v1/webhook-endpoints/\(endpoint)/deliveries", token: org.token).items()
            #expect(log.map { $0["event_type"] as? String } == ["event_registration.created", "event.cancelled", "event_registration.closed"])
            #expect(log.allSatisfy { $0["status"] as? String == "pending" })
            let pending = try await app.send(.get, "/v1/webhook-endpoints/\(endpoint)/deliveries?status=succeeded", token: org.token).items()
            #expect(pending.isEmpty)
            // Newest first, one per page; and when staff queue the first again an hour later, it alone changed since,
            // and comes first by last change
            let path = "/v1/webhook-endpoints/\(endpoint)/deliveries"
            let newest = try await SortTests.all(app, "\(path)?sort=-created_at", token: org.token)
            #expect(newest.map { $0["event_type"] as? String } == ["event_registration.closed", "event.cancelled", "event_registration.created"])
            let first = try #require(log.first?["id"] as? String)
            clock.set("2027-03-01T13:00:00Z")
            #expect(try await app.send(.post, "/v1/webhook-deliveries/\(first)/redeliver", token: app.staffKey).status == .accepted)
            #expect(try await app.send(.get, "\(path)?updated_since=2027-03-01T12:30:00Z", token: org.token).items().map { $0["id"] as? String } == [first])
            #expect(try await SortTests.all(app, "\(path)?sort=-updated_at", token: org.token).first?["id"] as? String == first)
            #expect(try await SortTests.all(app, "\(path)?sort=updated_at&status=pending", token: org.token).last?["id"] as? String == first)
        }
    }
}

@Suite("Webhook endpoints: limits and date changes")
struct WebhookLimitTests {
    @Test("a stakeholder holds at most five endpoints")
    func cap() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            for index in 0..<5 {
                let created = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/\(index)"])
                try #require(created.status == .created)
            }
            #expect(try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/6"]).isProblem(409))
            #expect(try await app.count("webhook_endpoint") == 5)
        }
    }

    @Test("new dates set by PATCH reach the registered stakeholders as a rescheduling")
    func patchedDates() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let id = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved()
            _ = try await app.registerFor(id, org)
            let endpoint = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/x"]).object()["id"] as! String
            _ = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["starts_on": "2027-10-12", "ends_on": "2027-10-16"])
            let log = try await app.send(.get, "/v1/webhook-endpoints/\(endpoint)/deliveries", token: org.token).items()
            #expect(log.map { $0["event_type"] as? String } == ["event.rescheduled"])
        }
    }
}
