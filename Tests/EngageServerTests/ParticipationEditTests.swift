import Foundation
import HTTPTypes
import Testing

@Suite("Editable registrations, side-event applications and pilot participants, with history")
struct ParticipationEditTests {
    @Test("an organisation substitutes and adds delegates within the window; staff after it; the status stays; history tells it")
    func registrationEdits() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an approved registration of two delegates (the event allows three)
            let event = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved(["name": "Delegation Org"])
            let created = try await app.registerFor(event, org)
            let path = try #require(created.headers[.location])
            let registration = try created.object()["id"] as! String
            try await app.subscribe(org.token, "delegation")
            #expect(try await app.send(.post, "\(path)/approve", token: app.staffKey).status == .ok)
            let approvedTag = try #require(try await app.send(.get, path, token: org.token).headers[.eTag])

            // When the organisation replaces one delegate and adds a third, naming the version it read
            let people: [[String: Any]] = [
                ["name": "Participant 0", "email": "participant0@example.org", "role": "head_of_delegation"],
                ["name": "Substitute", "email": "substitute@example.org", "gender": "female"],
                ["name": "Third", "email": "third@example.org", "role": "speaker"],
            ]
            let edited = try await app.send(.patch, path, token: org.token, json: ["participants": people],
                                            contentType: "application/merge-patch+json", headers: ["If-Match": approvedTag])

            // Then it keeps its status, with the new delegation, a new version and one notification
            #expect(edited.status == .ok, "\(edited.bodyText)")
            let json = try edited.object()
            #expect(json["status"] as? String == "approved")
            #expect((json["participants"] as? [[String: Any]])?.compactMap { $0["email"] as? String }
                == ["participant0@example.org", "substitute@example.org", "third@example.org"])
            let editedTag = try #require(edited.headers[.eTag])
            #expect(editedTag != approvedTag)
            let stored = try await app.database.scalar("SELECT participants FROM event_registration WHERE id = ?", [.text(registration)])
            #expect(stored?.contains("substitute@example.org") == true && stored?.contains("participant1@example.org") == false)
            #expect(try await app.deliveries("event_registration.updated", to: "delegation") == 1)

            // The version read before the edit no longer matches
            let stale = try await app.send(.patch, path, token: org.token, json: ["participants": Array(people.prefix(1))], headers: ["If-Match": approvedTag])
            #expect(stale.status == .preconditionFailed)
            // Four people where three are allowed; a changed organisation; a bad address: each named, nothing written
            let four = people + [["name": "Fourth", "email": "fourth@example.org"]]
            #expect(try await app.send(.patch, path, token: org.token, json: ["participants": four]).problemFields() == ["participants"])
            let bad = try await app.send(.patch, path, token: org.token, json: [
                "stakeholder_id": org.id, "participants": [["name": "X", "email": "nope"]], "status": "pending",
            ])
            #expect(Set(try bad.problemFields()) == ["stakeholder_id", "participants[0].email", "status"])
            // Another organisation does not see it; a reader key may not write
            let other = try await app.registerApproved(["name": "Other Org"])
            #expect(try await app.send(.patch, path, token: other.token, json: ["participants": people]).isProblem(404))
            #expect(try await app.send(.patch, path, token: app.readerKey, json: ["participants": people]).isProblem(403))
            // Sending the same delegation again changes nothing
            let same = try await app.send(.patch, path, token: org.token, json: ["participants": people])
            #expect(same.status == .ok && same.headers[.eTag] == editedTag)

            // After the window closes, the organisation is refused and staff make the change
            clock.set("2027-09-01T00:00:00Z")
            let late = try await app.send(.patch, path, token: org.token, json: ["participants": Array(people.prefix(2))])
            #expect(late.isProblem(409))
            #expect((try late.object()["detail"] as? String)?.contains("closed at 2027-09-01T00:00:00Z") == true)
            let byStaff = try await app.send(.patch, path, token: app.staffKey, json: ["participants": Array(people.prefix(2))])
            #expect(byStaff.status == .ok)
            #expect((try byStaff.object()["participants"] as? [Any])?.count == 2)

            // The history names every step, for the organisation and for staff; not for others
            let history = try await app.send(.get, "\(path)/history", token: org.token)
            let entries = try history.items()
            #expect(entries.map { $0["action"] as? String } == ["created", "status_changed", "updated", "updated"])
            #expect(entries.map { $0["to_status"] as? String } == ["pending", "approved", nil, nil])
            #expect(entries[2]["changed_fields"] as? [String] == ["participants"] && entries[2]["actor"] as? String == org.id)
            #expect((entries[3]["actor"] as? String)?.hasPrefix("key_") == true)
            #expect(try await app.send(.get, "\(path)/history", token: other.token).isProblem(404))
            #expect(try await app.send(.get, "\(path)/history", token: app.readerKey).items().count == 4)

            // A withdrawn registration no longer changes
            clock.set("2027-03-02T00:00:00Z")
            #expect(try await app.send(.post, "\(path)/withdraw", token: org.token).status == .ok)
            #expect(try await app.send(.patch, path, token: app.staffKey, json: ["participants": people]).isProblem(409))
        }
    }

    @Test("an organiser edits its undecided application; co-organisers keep their answers, new ones are asked")
    func applicationEdits() async throws {
        let clock = ManualClock("2027-03-01T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given an application naming one co-organiser, who confirmed
            let event = try await app.createEvent()["id"] as! String
            let org = try await app.registerApproved(["name": "Organiser"])
            let first = try await app.registerApproved(["name": "First Partner"])
            let second = try await app.registerApproved(["name": "Second Partner"])
            let pending = try await app.register(["name": "Pending Partner"])
            let submitted = try await app.send(.post, "/v1/events/\(event)/side-event-applications", token: org.token,
                                               json: TestHarness.applicationBody(org.id, ["co_organizers": [first.id]]))
            let path = try #require(submitted.headers[.location])
            for (who, name) in [(org, "organiser"), (first, "first"), (second, "second")] { try await app.subscribe(who.token, name) }
            #expect(try await app.send(.post, "\(path)/co-organizer-consent", token: first.token, json: ["consent": "confirmed"]).status == .ok)

            // When the organiser retitles it and names a second co-organiser
            let edited = try await app.send(.patch, path, token: org.token, json: [
                "title": "Survivor-led organisations and the Review Mechanism", "co_organizers": [first.id, second.id], "format": NSNull(),
            ])

            // Then the first keeps its answer, the second is asked, and everyone concerned is told
            #expect(edited.status == .ok, "\(edited.bodyText)")
            let json = try edited.object()
            #expect(json["title"] as? String == "Survivor-led organisations and the Review Mechanism")
            #expect(json["format"] == nil || json["format"] is NSNull)
            let consents = try #require(json["co_organizer_consents"] as? [[String: String]])
            #expect(consents == [["stakeholder_id": first.id, "consent": "confirmed"], ["stakeholder_id": second.id, "consent": "pending"]])
            #expect(try await app.database.scalar(
                "SELECT consent FROM side_event_co_organizer WHERE stakeholder_id = ?", [.text(second.id)]) == "pending")
            for name in ["organiser", "first", "second"] { #expect(try await app.deliveries("side_event_application.updated", to: name) == 1) }

            // Bad edits are named and change nothing: dates outside the session, the organiser as its own partner, a pending partner
            let bad = try await app.send(.patch, path, token: org.token, json: ["preferred_dates": ["2019-01-01"], "co_organizers": [org.id]])
            #expect(Set(try bad.problemFields()) == ["preferred_dates[0]", "co_organizers"])
            #expect(try await app.send(.patch, path, token: org.token, json: ["side_event_id": "evt_00000000000000000000", "status": "approved"])
                .problemFields().sorted() == ["side_event_id", "status"])
            #expect(try await app.send(.patch, path, token: org.token, json: ["co_organizers": [first.id, pending.id]]).problemFields()
                == ["co_organizers[1]"])
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM side_event_co_organizer") == "2")
            // A co-organiser answers for itself but does not edit the application
            #expect(try await app.send(.patch, path, token: first.token, json: ["title": "Mine now"]).isProblem(403))

            // After the application period the organiser is refused; staff may still correct it
            clock.set("2027-05-01T00:00:00Z")
            #expect(try await app.send(.patch, path, token: org.token, json: ["co_organizers": [first.id]]).isProblem(409))
            let byStaff = try await app.send(.patch, path, token: app.staffKey, json: ["co_organizers": [first.id]])
            #expect(try byStaff.object()["co_organizers"] as? [String] == [first.id])
            #expect(try await app.database.scalar("SELECT CAST(COUNT(*) AS TEXT) FROM side_event_co_organizer") == "1")
            // The co-organiser taken off the list hears of it
            #expect(try await app.deliveries("side_event_application.updated", to: "second") == 2)

            // The history: submitted, the answer (whose, and what), the two edits
            let entries = try await app.send(.get, "\(path)/history", token: first.token).items()
            #expect(entries.map { $0["action"] as? String } == ["created", "updated", "updated", "updated"])
            #expect(entries[1]["stakeholder_id"] as? String == first.id && entries[1]["to_status"] as? String == "confirmed")
            #expect(Set(entries[2]["changed_fields"] as? [String] ?? []) == ["title", "co_organizers", "format"])
            #expect(entries[3]["changed_fields"] as? [String] == ["co_organizers"])

            // Once approved, the application is final: the side event is edited instead
            #expect(try await app.send(.post, "\(path)/approve", token: app.staffKey).status == .ok)
            let approved = try await app.send(.patch, path, token: app.staffKey, json: ["title": "Later"])
            #expect(approved.isProblem(409))
            #expect((try approved.object()["detail"] as? String)?.contains("edit the side event itself") == true)
        }
    }

    @Test("pilot participants change under If-Match, and each change is in the initiative's history")
    func pilotParticipantHistory() async throws {
        try await TestHarness.run { app in
            let pilot = try await app.createPilot()
            let partner = try await app.registerApproved(["name": "Pilot Partner"])
            let path = "/v1/pilot-initiatives/\(pilot)"
            let tag = try #require(try await app.send(.get, path).headers[.eTag])

            // Given a stale version, nothing is added
            let added = try await app.send(.post, "\(path)/participants", token: app.staffKey,
                                           json: ["stakeholder_id": partner.id, "role": "partner"], headers: ["If-Match": tag])
            #expect(added.status == .created)
            let stale = try await app.send(.post, "\(path)/participants", token: app.staffKey,
                                           json: ["stakeholder_id": partner.id, "role": "observer"], headers: ["If-Match": tag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await app.send(.delete, "\(path)/participants/\(partner.id)", token: app.staffKey, headers: ["If-Match": tag]).status
                == .preconditionFailed)
            #expect(try await app.database.scalar("SELECT role FROM pilot_initiative_participant WHERE stakeholder_id = ?", [.text(partner.id)]) == "partner")

            // When it is removed with the current version
            let current = try #require(added.headers[.eTag])
            #expect(try await app.send(.delete, "\(path)/participants/\(partner.id)", token: app.staffKey, headers: ["If-Match": current]).status
                == .noContent)

            // Then the history says who joined and who left
            let entries = try await app.send(.get, "\(path)/history", token: app.readerKey).items().filter {
                ($0["action"] as? String)?.hasPrefix("participant_") == true
            }
            #expect(entries.map { $0["action"] as? String } == ["participant_added", "participant_removed"])
            #expect(entries.map { $0["stakeholder_id"] as? String } == [partner.id, partner.id])
            #expect(entries[0]["to_status"] == nil && entries[0]["changed_fields"] as? [String] == ["participants"])
        }
    }
}

extension TestHarness {
    /// Subscribes a webhook endpoint named `name` for the holder of `token` (every type it may receive).
    fileprivate func subscribe(_ token: String, _ name: String) async throws {
        let made = try await send(.post, "/v1/webhook-endpoints", token: token, json: ["url": "https://hooks.example.org/\(name)"])
        try #require(made.status == .created, "\(made.bodyText)")
    }

    /// How many deliveries of `type` the endpoint named `name` has.
    fileprivate func deliveries(_ type: String, to name: String) async throws -> Int {
        Int(try await database.scalar("""
            SELECT CAST(COUNT(*) AS TEXT) FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
            WHERE d.type = ? AND e.url = ?
            """, [.text(type), .text("https://hooks.example.org/\(name)")]) ?? "") ?? -1
    }
}
