import EngageDomain
import EngageServer
import Foundation
import HTTPTypes
import Logging
import Testing

@Suite("Personal data: export, erasure, retention")
struct PersonalDataTests {
    /// The personal values seeded for one organisation, to look for in exports and after erasure.
    static let seeded = [
        "Ana Pérez", "ana.perez@example.org", "+52 55 1234 5678", "Monitors trafficking in persons cases and supports survivors.",
        "Participant 0", "participant0@example.org", "Participant 1", "participant1@example.org",
        "Enrolled Person", "enrolled.person@example.org",
    ]

    /// An approved organisation with a registration of two, an enrolment and a webhook endpoint.
    private func seed(_ app: TestHarness) async throws -> (org: (id: String, token: String), event: String, workshop: String) {
        // A staff endpoint receives every notification, so the outbox holds payloads with the seeded values.
        let staffHook = try await app.send(.post, "/v1/webhook-endpoints", token: app.staffKey, json: ["url": "https://hooks.example.org/secretariat"])
        try #require(staffHook.status == .created)
        let org = try await app.registerApproved()
        let event = try await app.createEvent()["id"] as! String
        let registration = try await app.send(.post, "/v1/events/\(event)/registrations", token: org.token, json: TestHarness.registrationBody(org.id))
        try #require(registration.status == .created, "\(registration.bodyText)")
        let workshop = try await app.createWorkshop()
        let enrolment = try await app.send(.post, "/v1/workshops/\(workshop)/enrolments", token: org.token, json: [
            "stakeholder_id": org.id, "participant": ["name": "Enrolled Person", "email": "enrolled.person@example.org", "position": "Analyst"],
        ])
        try #require(enrolment.status == .created, "\(enrolment.bodyText)")
        let hook = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/oct"])
        try #require(hook.status == .created)
        return (org, event, workshop)
    }

    @Test("the export holds every value seeded for the organisation, no secret, and is private")
    func export() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let (org, _, _) = try await seed(app)
            let response = try await app.send(.get, "/v1/stakeholders/\(org.id)/export", token: org.token)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let text = response.bodyText
            for value in Self.seeded { #expect(text.contains(value), "export lacks \(value)") }
            #expect(text.contains("https://hooks.example.org/oct"))
            #expect(!text.contains("whsec_"))
            let json = try response.object()
            #expect((json["event_registrations"] as? [Any])?.count == 1)
            #expect((json["workshop_enrolments"] as? [Any])?.count == 1)
            #expect((json["history"] as? [[String: Any]])?.first?["action"] as? String == "registered")

            // Staff may export; a reader key may not; another organisation and the public learn nothing
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/export", token: app.staffKey).status == .ok)
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/export", token: app.readerKey).isProblem(403))
            let other = try await app.registerApproved(["name": "Other"])
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/export", token: other.token).isProblem(404))
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)/export").isProblem(401))
        }
    }

    @Test("erasure replaces every personal value, keeps the counts, revokes the token and records who and why")
    func erase() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a seeded organisation
            let (org, event, _) = try await seed(app)
            let before = try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM notification_message WHERE body LIKE ?", [.text("%ana.perez@example.org%")])
            #expect(before != "0")  // the payloads did carry the contact
            // And a remembered response of the organisation's own (sealed)
            let keyed = try await app.send(.post, "/v1/webhook-endpoints", token: org.token, json: ["url": "https://hooks.example.org/second"],
                                           headers: ["Idempotency-Key": "erasure-test-0001"])
            #expect(keyed.status == .created)
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM idempotency_key WHERE caller = ?", [.text(org.id)]) == "1")
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: app.staffKey, json: [:]).isProblem(422))
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: org.token, json: ["reason": "x"]).isProblem(403))

            // When staff erase it
            let erased = try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: app.staffKey,
                                            json: ["reason": "Request of the organisation, 2027-03-10"])
            #expect(erased.status == .ok, "\(erased.bodyText)")
            let contact = try #require(try erased.object()["contact"] as? [String: Any])
            #expect(contact["name"] as? String == Erasure.marker)
            #expect(contact["email"] as? String == Erasure.email)
            #expect(contact["phone"] == nil)

            // Then no seeded value is left in what staff can read
            let export = try await app.send(.get, "/v1/stakeholders/\(org.id)/export", token: app.staffKey)
            for value in Self.seeded { #expect(!export.bodyText.contains(value), "export still holds \(value)") }
            // Nor in the tables that held it, the outbox included
            for value in ["ana.perez@example.org", "participant0@example.org", "enrolled.person@example.org"] {
                let carriers = try await app.database.scalar("""
                    SELECT CAST(COUNT(*) AS TEXT) FROM notification_message WHERE body LIKE ?
                    """, [.text("%\(value)%")])
                #expect(carriers == "0", "the outbox still holds \(value)")
            }
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM idempotency_key WHERE caller = ?", [.text(org.id)]) == "0")
            // The counts stay: one registration of two, with its roles
            let registrations = try await app.send(.get, "/v1/events/\(event)/registrations", token: app.staffKey).items()
            let participants = try #require(registrations.first?["participants"] as? [[String: Any]])
            #expect(participants.map { $0["role"] as? String } == ["head_of_delegation", "delegate"])
            #expect(Set(participants.map { $0["name"] as? String }) == [Erasure.marker])
            // The token no longer works, and the endpoint is gone
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)", token: org.token).isProblem(401))
            #expect(try await app.count("webhook_endpoint") == 1)  // the Secretariat's own
            // The history says who and why, not what
            let last = try #require(try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items().last)
            #expect(last["action"] as? String == "erased")
            #expect(last["reason"] as? String == "Request of the organisation, 2027-03-10")
            #expect((last["changed_fields"] as? [String])?.isEmpty == true)
            // And a second erasure is harmless
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: app.staffKey, json: ["reason": "again"]).status == .ok)
        }
    }

    @Test("one person is erased by address, wherever named, and no one else")
    func eraseParticipant() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let (org, event, workshop) = try await seed(app)
            _ = try await app.send(.post, "/v1/workshops/\(workshop)/enrolments", token: org.token, json: [
                "stakeholder_id": org.id, "participant": ["name": "Participant 0", "email": "PARTICIPANT0@example.org"],
            ])
            #expect(try await app.send(.post, "/v1/participants/erase", token: app.staffKey, json: ["email": "not an address"]).isProblem(422))
            #expect(try await app.send(.post, "/v1/participants/erase", token: app.readerKey, json: ["email": "a@example.org"]).isProblem(403))

            let response = try await app.send(.post, "/v1/participants/erase", token: app.staffKey, json: ["email": "participant0@example.org"])
            #expect(response.status == .ok)
            #expect(try response.object()["erased_records"] as? Int == 2)  // the registration and the enrolment

            let participants = try #require(try await app.send(.get, "/v1/events/\(event)/registrations", token: app.staffKey)
                .items().first?["participants"] as? [[String: Any]])
            #expect(participants.map { $0["name"] as? String } == [Erasure.marker, "Participant 1"])
            let enrolled = try await app.send(.get, "/v1/workshops/\(workshop)/enrolments", token: app.staffKey).items()
                .compactMap { ($0["participant"] as? [String: Any])?["name"] as? String }
            #expect(enrolled.sorted() == ["Enrolled Person", Erasure.marker])
            #expect(try await app.send(.post, "/v1/participants/erase", token: app.staffKey, json: ["email": "nobody@example.org"])
                .object()["erased_records"] as? Int == 0)
        }
    }

    @Test("the retention pass erases participants only once their event is older than the period")
    func retention() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a registration for an event ending 2027-10-15 and an enrolment for a workshop ending 2027-04-08
            let (_, event, workshop) = try await seed(app)
            let job = RetentionJob(repository: app.services.personalData, participants: RetentionPeriod(iso: "P2Y")!,
                                   clock: clock.source, logger: Logger(label: "retention-test"))
            func names() async throws -> (registration: [String], enrolment: [String]) {
                let registration = try await app.send(.get, "/v1/events/\(event)/registrations", token: app.staffKey).items()
                    .flatMap { ($0["participants"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
                let enrolment = try await app.send(.get, "/v1/workshops/\(workshop)/enrolments", token: app.staffKey).items()
                    .compactMap { ($0["participant"] as? [String: Any])?["name"] as? String }
                return (registration, enrolment)
            }

            // Two years after the workshop ended, less a day: nothing is erased
            clock.set("2029-04-08T12:00:00Z")
            #expect(await job.runOnce() == 0)
            // The day after: the workshop's participant, not the event's
            clock.set("2029-04-09T12:00:00Z")
            #expect(await job.runOnce() == 1)
            var now = try await names()
            #expect(now.enrolment == [Erasure.marker])
            #expect(now.registration == ["Participant 0", "Participant 1"])
            // Two years after the event: its delegation too; a second pass finds nothing left
            clock.set("2029-10-16T00:00:00Z")
            #expect(await job.runOnce() == 1)
            now = try await names()
            #expect(now.registration == [Erasure.marker, Erasure.marker])
            #expect(await job.runOnce() == 0)
        }
    }

    @Test("retention periods are read as ISO 8601 calendar durations", arguments: [
        ("P2Y", "2027-10-16"), ("P18M", "2028-04-16"), ("P1Y6M", "2028-04-16"), ("P90D", "2029-07-18"), ("p4w", "2029-09-18"),
    ])
    func periods(text: String, cutoff: String) throws {
        let period = try #require(RetentionPeriod(iso: text))
        #expect(period.cutoff(on: LocalDate(iso: "2029-10-16")!).description == cutoff)
    }

    @Test("bad retention periods are refused", arguments: ["", "P", "2Y", "PT1H", "P0D", "P1D2Y", "P1Y1Y", "P-1Y", "P999999Y"])
    func badPeriods(text: String) {
        #expect(RetentionPeriod(iso: text) == nil)
    }
}
