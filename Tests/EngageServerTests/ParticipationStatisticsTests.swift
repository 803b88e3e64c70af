import Foundation
import HTTPTypes
import Testing

/// `GET /v1/statistics/participation` and the project totals, against a seeded dataset whose figures the
/// test computes itself from the seed (plain loops over the facts below), not by calling the server's code.
@Suite("Participation statistics")
struct ParticipationStatisticsTests {
    /// One fact of the seed that counts: a delegate, a trainee or an organised side event.
    struct Fact {
        enum Activity: Equatable { case event(String), workshop(String), sideEvent(String) }
        var organisation: String
        var activity: Activity
        var email: String?
        var gender: String?
        var registration: String?
        var attended = false
    }

    /// What the seed holds: organisations, the counted facts, and the IDs the queries filter by.
    struct Seed {
        var regions: [String: String] = [:]
        var kinds: [String: String] = [:]
        var facts: [Fact] = []
        var project = "", session = "", other = "", workshop = ""
    }

    // MARK: Seeding

    /// Given four organisations in three regions, a project with a session and a workshop, another event, and
    /// a cancelled event whose approved registration must not count; pending, waitlisted and cancelled
    /// items that must not count either.
    static func seed(_ app: TestHarness, _ clock: ManualClock) async throws -> Seed {
        var seed = Seed()
        func organisation(_ name: String, _ kind: String, _ country: String, _ region: String) async throws -> (id: String, token: String) {
            let org = try await app.registerApproved(["name": name, "kind": kind, "country": country,
                                                      "contact": ["name": "C", "email": "\(name.lowercased())@example.org"]])
            seed.regions[org.id] = region
            seed.kinds[org.id] = kind
            return org
        }
        let a = try await organisation("Alpha", "ngo", "MX", "latin_america_caribbean")
        let b = try await organisation("Beta", "academia", "KE", "africa")
        let c = try await organisation("Gamma", "ngo", "KE", "africa")
        let d = try await organisation("Delta", "private_sector", "FR", "western_europe_others")

        let project = try await app.send(.post, "/v1/projects", token: app.staffKey, json: ["title": "PPP", "code": "PPP", "donors": ["Germany"]])
        seed.project = try project.object()["id"] as! String
        seed.session = try await app.createEvent(["project_id": seed.project])["id"] as! String
        seed.other = try await app.createEvent(["title": "Working group on trafficking", "kind": "working_group"])["id"] as! String
        let cancelled = try await app.createEvent(["title": "Cancelled meeting"])["id"] as! String
        seed.workshop = try await app.createWorkshop(["project_id": seed.project, "capacity": 2])

        /// Registers `people` (e-mail, gender) and decides it as staff; counted facts when approved and not cancelled.
        func register(_ org: (id: String, token: String), _ event: String, _ people: [(String, String?)], approve: Bool, counts: Bool = true) async throws {
            let participants: [[String: Any]] = people.map { email, gender in
                var person: [String: Any] = ["name": "Person", "email": email]
                if let gender { person["gender"] = gender }
                return person
            }
            let created = try await app.send(.post, "/v1/events/\(event)/registrations", token: org.token,
                                             json: ["stakeholder_id": org.id, "participants": participants])
            try #require(created.status == .created, "registration failed: \(created.bodyText)")
            let id = try created.object()["id"] as! String
            guard approve else { return }
            let approved = try await app.send(.post, "/v1/events/\(event)/registrations/\(id)/approve", token: app.staffKey)
            try #require(approved.status == .ok, "approval failed: \(approved.bodyText)")
            guard counts else { return }
            for (email, gender) in people {
                seed.facts.append(Fact(organisation: org.id, activity: .event(event), email: email, gender: gender, registration: id))
            }
        }
        try await register(a, seed.session, [("ana@example.org", "female"), ("luis@example.org", "male")], approve: true)
        try await register(b, seed.session, [("wanjiru@example.org", "female"), ("otieno@example.org", nil), ("SHARED@example.org", "undisclosed")], approve: true)
        try await register(c, seed.session, [("pending@example.org", "male")], approve: false)
        try await register(d, seed.other, [("pierre@example.org", "other")], approve: true)
        try await register(c, cancelled, [("gone@example.org", "female")], approve: true, counts: false)
        #expect(try await app.lifecycle(cancelled, "cancel", ["reason": "No quorum"]).status == .ok)

        // A side event organised by Alpha at the session (approved), and one by Delta left undecided.
        let applications = "/v1/events/\(seed.session)/side-event-applications"
        let application = try await app.send(.post, applications, token: a.token, json: TestHarness.applicationBody(a.id))
        try #require(application.status == .created, "application failed: \(application.bodyText)")
        let approved = try await app.send(.post, "\(applications)/\(try application.object()["id"] as! String)/approve", token: app.staffKey)
        try #require(approved.status == .ok, "approval failed: \(approved.bodyText)")
        seed.facts.append(Fact(organisation: a.id, activity: .sideEvent(seed.session)))
        try #require(try await app.send(.post, applications, token: d.token, json: TestHarness.applicationBody(d.id)).status == .created)

        // Two seats: Beta's trainee (who attends) and Delta's, whose address is also one of Beta's delegates;
        // Gamma waits. Beta's second trainee takes a seat and cancels.
        func enrol(_ org: (id: String, token: String), _ email: String, _ gender: String?) async throws -> String {
            var person: [String: Any] = ["name": "Trainee", "email": email]
            if let gender { person["gender"] = gender }
            let response = try await app.send(.post, "/v1/workshops/\(seed.workshop)/enrolments", token: org.token,
                                              json: ["stakeholder_id": org.id, "participant": person])
            try #require(response.status == .created, "enrolment failed: \(response.bodyText)")
            return response.headers[.location]!
        }
        let cancelledSeat = try await enrol(b, "dropped@example.org", "male")
        #expect(try await app.send(.post, cancelledSeat + "/cancel", token: b.token).status == .ok)
        let attending = try await enrol(b, "amina@example.org", "female")
        _ = try await enrol(d, "shared@example.org", nil)
        _ = try await enrol(c, "waiting@example.org", "male")
        seed.facts.append(Fact(organisation: b.id, activity: .workshop(seed.workshop), email: "amina@example.org", gender: "female", attended: true))
        seed.facts.append(Fact(organisation: d.id, activity: .workshop(seed.workshop), email: "shared@example.org", gender: nil))

        clock.set("2027-04-07T18:00:00Z")  // the workshop has begun in Mexico City
        #expect(try await app.send(.patch, attending, token: app.staffKey, json: ["attended": true]).status == .ok)
        clock.set("2027-04-09T09:00:00Z")
        #expect(try await app.send(.post, "/v1/workshops/\(seed.workshop)/complete", token: app.staffKey).status == .ok)
        return seed
    }

    // MARK: Expected figures, computed from the seed

    static func expected(_ facts: [Fact]) -> [String: Int] {
        let people = facts.compactMap { $0.email?.lowercased() }
        return [
            "organisations": Set(facts.map(\.organisation)).count,
            "people": Set(people).count,
            "registrations": Set(facts.compactMap(\.registration)).count,
            "delegates": facts.filter { $0.registration != nil }.count,
            "enrolments": facts.filter { if case .workshop = $0.activity { true } else { false } }.count,
            "attended": facts.filter(\.attended).count,
            "trained": Set(facts.filter(\.attended).compactMap { $0.email?.lowercased() }).count,
            "side_events": facts.filter { if case .sideEvent = $0.activity { true } else { false } }.count,
        ]
    }

    static func figures(_ object: [String: Any]) -> [String: Int] {
        var figures: [String: Int] = [:]
        for key in ["organisations", "people", "registrations", "delegates", "enrolments", "attended", "trained", "side_events"] {
            figures[key] = object[key] as? Int
        }
        return figures
    }

    static func statistics(_ app: TestHarness, _ query: String) async throws -> [String: Any] {
        let response = try await app.send(.get, "/v1/statistics/participation" + query, token: app.readerKey)
        try #require(response.status == .ok, "statistics failed: \(response.bodyText)")
        return try response.object()
    }

    // MARK: Tests

    @Test("totals, filters and groupings match the figures computed from the seed")
    func figures() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let seed = try await Self.seed(app, clock)

            // When the Secretariat asks for everything, Then the totals are the seed's
            let all = try await Self.statistics(app, "")
            let totals = try #require(all["totals"] as? [String: Any])
            #expect(Self.figures(totals) == Self.expected(seed.facts))
            #expect(totals["workshops_held"] as? Int == 1 && totals["events_held"] as? Int == 0)
            #expect((all["groups"] as? [Any])?.isEmpty == true)

            // Filters narrow the facts the same way
            func inProject(_ fact: Fact) -> Bool { [.event(seed.session), .sideEvent(seed.session), .workshop(seed.workshop)].contains(fact.activity) }
            let filters: [(String, (Fact) -> Bool)] = [
                ("?project_id=\(seed.project)", inProject),
                ("?event_id=\(seed.other)", { $0.activity == .event(seed.other) }),
                ("?workshop_id=\(seed.workshop)", { $0.activity == .workshop(seed.workshop) }),
                ("?from=2027-05-01", { $0.activity != .workshop(seed.workshop) }),
                ("?to=2027-04-30", { $0.activity == .workshop(seed.workshop) }),
                ("?from=2027-05-01&to=2027-01-01", { _ in false }),
                ("?event_id=\(seed.session)&workshop_id=\(seed.workshop)", { _ in false }),
            ]
            for (query, included) in filters {
                let filtered = try await Self.statistics(app, query)
                #expect(Self.figures(filtered["totals"] as! [String: Any]) == Self.expected(seed.facts.filter(included)), "\(query)")
            }

            // Grouped by region and kind: one group per pair that has facts, ordered by region then kind
            let byRegionKind = try await Self.statistics(app, "?group_by=region,kind")
            #expect(byRegionKind["group_by"] as? [String] == ["region", "kind"])
            let groups = try #require(byRegionKind["groups"] as? [[String: Any]])
            let pairs = Set(seed.facts.map { [seed.regions[$0.organisation]!, seed.kinds[$0.organisation]!] })
            #expect(groups.map { [$0["region"] as! String, $0["kind"] as! String] } == pairs.sorted { $0.lexicographicallyPrecedes($1) })
            for group in groups {
                let facts = seed.facts.filter { seed.regions[$0.organisation] == group["region"] as? String && seed.kinds[$0.organisation] == group["kind"] as? String }
                #expect(Self.figures(group) == Self.expected(facts), "\(group)")
            }

            // Grouped by gender: the undisclosed, the given and the not given (null, last)
            let byGender = try #require(try await Self.statistics(app, "?group_by=gender")["groups"] as? [[String: Any]])
            let genders = Set(seed.facts.map(\.gender))
            #expect(byGender.count == genders.count)
            #expect(byGender.last?["gender"] is NSNull)
            for group in byGender {
                let gender = group["gender"] as? String
                #expect(Self.figures(group) == Self.expected(seed.facts.filter { $0.gender == gender }), "\(group)")
            }

            // Grouped by event: its title beside its ID; the workshop's facts have no event
            let byEvent = try #require(try await Self.statistics(app, "?group_by=event,event")["groups"] as? [[String: Any]])
            let session = try #require(byEvent.first { $0["event_id"] as? String == seed.session })
            #expect(session["event_title"] as? String == "Conference of the Parties to UNTOC, 13th session")
            #expect(Self.figures(session) == Self.expected(seed.facts.filter { [.event(seed.session), .sideEvent(seed.session)].contains($0.activity) }))
            #expect(byEvent.last?["event_id"] is NSNull && byEvent.last?["event_title"] is NSNull)
        }
    }

    @Test("every change the figures depend on shows at once: answers kept between changes are never stale")
    func followsChanges() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            var seed = try await Self.seed(app, clock)
            func byRegion() async throws -> [String: [String: Int]] {
                let groups = try await Self.statistics(app, "?group_by=region")["groups"] as! [[String: Any]]
                return Dictionary(uniqueKeysWithValues: groups.map { ($0["region"] as! String, Self.figures($0)) })
            }
            func expectedByRegion() -> [String: [String: Int]] {
                Dictionary(grouping: seed.facts) { seed.regions[$0.organisation]! }.mapValues { Self.expected($0) }
            }
            #expect(try await byRegion() == expectedByRegion())
            #expect(try await byRegion() == expectedByRegion())   // asked again, unchanged

            // When staff move Delta to Kenya, Then its facts count for Africa
            let delta = seed.kinds.first { $0.value == "private_sector" }!.key
            #expect(try await app.send(.patch, "/v1/stakeholders/\(delta)", token: app.staffKey, json: ["country": "KE"]).status == .ok)
            seed.regions[delta] = "africa"
            #expect(try await byRegion() == expectedByRegion())

            // When Alpha's registration is withdrawn, Then its delegates no longer count
            let alpha = seed.kinds.first { $0.value == "ngo" && seed.regions[$0.key] == "latin_america_caribbean" }!.key
            let registration = seed.facts.first { $0.organisation == alpha && $0.registration != nil }!.registration!
            let withdrawn = try await app.send(.post, "/v1/events/\(seed.session)/registrations/\(registration)/withdraw", token: app.staffKey)
            #expect(withdrawn.status == .ok, "\(withdrawn.bodyText)")
            seed.facts.removeAll { $0.registration == registration }
            #expect(try await byRegion() == expectedByRegion())

            // When the other event is cancelled, Then its registration no longer counts
            #expect(try await app.lifecycle(seed.other, "cancel", ["reason": "Merged into the session"]).status == .ok)
            let other = seed.other
            seed.facts.removeAll { $0.activity == .event(other) }
            #expect(try await byRegion() == expectedByRegion())
            let totals = try await Self.statistics(app, "")["totals"] as! [String: Any]
            #expect(Self.figures(totals) == Self.expected(seed.facts))
        }
    }

    @Test("the same figures as CSV, for API keys only, and every bad parameter named")
    func csvAndAccess() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let seed = try await Self.seed(app, clock)
            let json = try await Self.statistics(app, "?group_by=region,kind")
            // When the same question is asked for CSV
            let csv = try await app.send(.get, "/v1/statistics/participation?group_by=region,kind", token: app.readerKey,
                                         headers: ["Accept": "text/csv, application/json;q=0.5"])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = csv.bodyText.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            // Then it has the dimensions, then the figures, one row per group, the same numbers
            #expect(rows.first == ["region", "kind", "organisations", "people", "registrations", "delegates", "enrolments", "attended", "trained", "side_events"])
            let groups = json["groups"] as! [[String: Any]]
            #expect(rows.count == groups.count + 1)
            for (row, group) in zip(rows.dropFirst(), groups) {
                #expect(row == [group["region"] as! String, group["kind"] as! String] + rows[0].dropFirst(2).map { String(group[$0] as! Int) })
            }
            // Without grouping, one row of totals
            let totals = try await app.send(.get, "/v1/statistics/participation?project_id=\(seed.project)", token: app.staffKey, headers: ["Accept": "text/csv"])
            #expect(totals.bodyText.split(separator: "\r\n").count == 2)

            // Who may ask, and what is refused
            #expect(try await app.send(.get, "/v1/statistics/participation").isProblem(401))
            let org = try await app.registerApproved(["name": "Curious"])
            #expect(try await app.send(.get, "/v1/statistics/participation", token: org.token).isProblem(403))
            let bad = try await app.send(.get, "/v1/statistics/participation?group_by=kind,region,country&event_id=evt_x&from=2027-02-30&sort=x", token: app.readerKey)
            #expect(bad.isProblem(400))
            #expect(Set(try bad.problemFields()) == ["group_by", "event_id", "from", "sort"])
            #expect(try await app.send(.get, "/v1/statistics/participation?group_by=kind,", token: app.readerKey).problemFields() == ["group_by"])
        }
    }

    @Test("a project shows what it reached, and its ETag changes when someone takes part")
    func projectTotals() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let seed = try await Self.seed(app, clock)
            let response = try await app.send(.get, "/v1/projects/\(seed.project)")
            let totals = try #require(try response.object()["totals"] as? [String: Any])
            let facts = seed.facts.filter { [.event(seed.session), .sideEvent(seed.session), .workshop(seed.workshop)].contains($0.activity) }
            let expected = Self.expected(facts)
            #expect(totals["organisations_reached"] as? Int == expected["organisations"])
            #expect(totals["people_reached"] as? Int == expected["people"])
            #expect(totals["people_trained"] as? Int == expected["trained"])
            #expect(totals["side_events"] as? Int == expected["side_events"])
            #expect(totals["workshops_held"] as? Int == 1 && totals["events_held"] as? Int == 0)

            // When another organisation's registration for the project's session is approved
            let etag = try #require(response.headers[.eTag])
            let late = try await app.registerApproved(["name": "Late"])
            let registration = try await app.registerFor(seed.session, late, participants: 1)
            let path = registration.headers[.location]!
            #expect(try await app.send(.post, path + "/approve", token: app.staffKey).status == .ok)
            // Then a conditional GET with the old tag gets the new figures, not a 304
            let again = try await app.send(.get, "/v1/projects/\(seed.project)", headers: ["If-None-Match": etag])
            #expect(again.status == .ok)
            #expect((try again.object()["totals"] as? [String: Any])?["organisations_reached"] as? Int == expected["organisations"]! + 1)
        }
    }

    @Test("gender is checked, stored for the figures, and shown nowhere else")
    func gender() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let event = try await app.createEvent()["id"] as! String
            let workshop = try await app.createWorkshop()
            let org = try await app.registerApproved()
            // A gender outside the list is named, and nothing is stored
            let bad = try await app.send(.post, "/v1/events/\(event)/registrations", token: org.token, json: [
                "stakeholder_id": org.id, "participants": [["name": "A", "email": "a@example.org", "gender": "f"], ["name": "B", "email": "b@example.org", "gender": 1]],
            ])
            #expect(try bad.problemFields() == ["participants[0].gender", "participants[1].gender"])
            let badSeat = try await app.send(.post, "/v1/workshops/\(workshop)/enrolments", token: org.token, json: [
                "stakeholder_id": org.id, "participant": ["name": "A", "email": "a@example.org", "gender": "woman"],
            ])
            #expect(try badSeat.problemFields() == ["participant.gender"])
            #expect(try await app.count("event_registration") == 0)
            #expect(try await app.count("workshop_enrolment") == 0)

            // A valid one is stored, and not shown in the representations or the CSV files
            let good = try await app.send(.post, "/v1/events/\(event)/registrations", token: org.token, json: [
                "stakeholder_id": org.id, "participants": [["name": "A", "email": "a@example.org", "gender": "female"]],
            ])
            #expect(good.status == .created && !good.bodyText.contains("gender") && !good.bodyText.contains("female"))
            let seat = try await app.send(.post, "/v1/workshops/\(workshop)/enrolments", token: org.token, json: [
                "stakeholder_id": org.id, "participant": ["name": "A", "email": "a@example.org", "gender": "other"],
            ])
            #expect(seat.status == .created && !seat.bodyText.contains("gender"))
            #expect(try await app.database.scalar("SELECT participant_gender FROM workshop_enrolment", []) == "other")
            let stored: String? = try await app.database.scalar("SELECT participants FROM event_registration", [])
            #expect(stored?.contains("\"gender\":\"female\"") == true)
            for csv in ["/v1/events/\(event)/registrations.csv", "/v1/workshops/\(workshop)/enrolments.csv"] {
                #expect(try await !app.send(.get, csv, token: app.readerKey).bodyText.contains("female"))
            }
        }
    }

    @Test("CSV exports name each organisation: registrations, enrolments, side-event applications, pilot participants")
    func organisationColumns() async throws {
        let clock = ManualClock("2027-03-10T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            let org = try await app.registerApproved(["name": "Red de Mujeres, A.C.", "kind": "ngo", "country": "PE"])
            let event = try await app.createEvent()["id"] as! String
            let workshop = try await app.createWorkshop()
            let pilot = try await app.createPilot()
            #expect(try await app.registerFor(event, org, participants: 1).status == .created)
            #expect(try await app.enrol(workshop, org, email: "t@example.org").status == .created)
            #expect(try await app.send(.post, "/v1/events/\(event)/side-event-applications", token: org.token, json: TestHarness.applicationBody(org.id)).status == .created)
            #expect(try await app.send(.post, "/v1/pilot-initiatives/\(pilot)/participants", token: app.staffKey, json: ["stakeholder_id": org.id, "role": "partner"]).status == .created)

            let exports = [
                "/v1/events/\(event)/registrations.csv", "/v1/workshops/\(workshop)/enrolments.csv",
                "/v1/events/\(event)/side-event-applications.csv", "/v1/pilot-initiatives/\(pilot)/participants.csv",
            ]
            for path in exports {
                let response = try await app.send(.get, path, token: app.readerKey)
                #expect(response.status == .ok, "\(path)")
                let lines = response.bodyText.split(separator: "\r\n").map(String.init)
                #expect(lines.count == 2, "\(path)")
                #expect(lines.first?.contains("stakeholder_id,organisation_name,organisation_kind,organisation_country,organisation_region") == true, "\(path)")
                #expect(lines.last?.contains("\(org.id),\"Red de Mujeres, A.C.\",ngo,PE,latin_america_caribbean") == true, "\(path): \(lines)")
                #expect(try await app.send(.get, path, token: org.token).isProblem(403), "\(path)")
            }
            #expect(try await app.send(.get, "/v1/pilot-initiatives/\(pilot)/participants.csv?x=1", token: app.readerKey).problemFields() == ["x"])
        }
    }
}
