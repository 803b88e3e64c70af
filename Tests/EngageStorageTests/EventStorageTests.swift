import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("Event repositories on the test store")
final class EventStorageTests {
    let testStore: TestStore
    /// Plain SQL on the same database.
    var database: any TestRows { testStore.rows }
    let events: any EventRepository
    let registrations: any EventRegistrationRepository
    let applications: any SideEventApplicationRepository
    let stakeholders: any StakeholderRepository
    let personalData: any PersonalDataRepository
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        events = repositories.events
        registrations = repositories.registrations
        applications = repositories.sideEventApplications
        stakeholders = repositories.stakeholders
        personalData = repositories.personalData
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    // MARK: Helpers

    private func event(_ extra: [String: JSONValue] = [:]) async throws -> Event {
        var fields: [String: JSONValue] = [
            "title": .string("Working group on the Review Mechanism"), "kind": .string("working_group"),
            "starts_on": .string("2027-06-01"), "ends_on": .string("2027-06-03"),
            "registration": .object(["opens_at": .string("2027-01-01T00:00:00Z"), "closes_at": .string("2027-05-01T00:00:00Z")]),
            "side_event_applications": .object(["opens_at": .string("2027-01-01T00:00:00Z"), "closes_at": .string("2027-05-01T00:00:00Z")]),
        ]
        fields.merge(extra) { $1 }
        return try await events.create(try EventInput.parse(.object(fields), mode: .create), actor: "test", now: now)
    }

    private func approvedStakeholder(_ name: String) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let stakeholder = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        return try await stakeholders.decide(stakeholder.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now).id
    }

    private func people(_ count: Int) -> [Participant] {
        (0..<count).map { Participant(name: "P\($0)", email: "p\($0)@example.org") }
    }

    // MARK: Tests

    @Test("an event round-trips through its record, nested settings included")
    func roundTrip() async throws {
        let created = try await event(["location": .object(["city": .string("Vienna"), "country": .string("at")]), "timezone": .string("Europe/Vienna")])
        let found = try #require(try await events.find(created.id))
        #expect(found == created)
        #expect(found.location?.country == "AT")
        #expect(found.registration?.window.opensAt == Timestamp.parse("2027-01-01T00:00:00Z"))
    }

    @Test("the database itself refuses a second open registration of one stakeholder")
    func uniqueOpenRegistration() async throws {
        let created = try await event()
        let org = try await approvedStakeholder("Org")
        _ = try await registrations.register(for: created.id, EventRegistrationInput(stakeholderID: org, participants: people(1)), actor: "test", now: now)
        // Straight to SQL, past the repository's own check:
        await #expect(throws: (any Error).self) {
            try await self.database.execute("""
                INSERT INTO event_registration (id, event_id, stakeholder_id, participants, status, created_by, created_at, updated_at)
                VALUES ('reg_00000000000000000000', ?, ?, '[]', 'pending', 'test', ?, ?)
                """, [.text(created.id.rawValue), .text(org.rawValue), .date(self.now), .date(self.now)])
        }
        #expect(try await database.count("event_registration") == 1)
    }

    @Test("cancelling closes pending registrations and submitted applications in the same transaction")
    func cancelCloses() async throws {
        let created = try await event()
        let a = try await approvedStakeholder("A"), b = try await approvedStakeholder("B")
        let pending = try await registrations.register(for: created.id, EventRegistrationInput(stakeholderID: a, participants: people(2)), actor: "test", now: now)
        let approved = try await registrations.register(for: created.id, EventRegistrationInput(stakeholderID: b, participants: people(1)), actor: "test", now: now)
        _ = try await registrations.decide(approved.id, of: created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        let application = try await applications.submit(for: created.id, SideEventApplicationInput(stakeholderID: a, title: "T", description: "D"), actor: "test", now: now)

        let cancelled = try await events.transition(created.id, .cancel(reason: "Funding withdrawn"), expectedVersion: 1, actor: "test", now: now)
        #expect(cancelled.status == .cancelled)
        #expect(try await registrations.find(pending.id, of: created.id)?.status == .closed)
        #expect(try await registrations.find(pending.id, of: created.id)?.statusReason == "Funding withdrawn")
        #expect(try await registrations.find(approved.id, of: created.id)?.status == .approved)
        #expect(try await applications.find(application.id, of: created.id)?.status == .closed)
        let history = try await events.history(of: created.id, page: PageRequest())
        #expect(history.items.map(\.action) == [.created, .cancelled])
    }

    @Test("a stale version is refused before anything changes")
    func staleVersion() async throws {
        let created = try await event()
        await #expect(throws: DomainError.preconditionFailed) {
            try await events.transition(created.id, .complete, expectedVersion: 7, actor: "test", now: now)
        }
        #expect(try await events.find(created.id)?.status == .scheduled)
    }

    @Test("lists are keyset-paged in date order with undated events last")
    func dateOrder() async throws {
        let undated = try await event(["starts_on": .null, "ends_on": .null])
        let late = try await event(["starts_on": .string("2028-01-01"), "ends_on": .string("2028-01-01")])
        let early = try await event(["starts_on": .string("2027-01-01"), "ends_on": .string("2027-01-02"),
                                     "registration": .null, "side_event_applications": .null])
        var ids: [EventID] = []
        var page = PageRequest(limit: 1)
        repeat {
            let result = try await events.list(EventFilter(), page: page)
            ids += result.items.map(\.id)
            page.after = result.next
        } while page.after != nil
        #expect(ids == [early.id, late.id, undated.id])
    }

    @Test("a retention pass longer than one batch erases every registration of the ended events, and only those")
    func retentionInBatches() async throws {
        // Given 520 registrations of events that ended on 3 June 2027, more than one batch of the pass,
        // and, registered half-way through them, one of an event that ends a week later
        var organisations: [StakeholderID] = []
        for index in 0..<26 { organisations.append(try await approvedStakeholder("Organisation \(index)")) }
        var ended: [EventID] = []
        for _ in 0..<20 { ended.append(try await event().id) }
        let later = try await event(["ends_on": .string("2027-06-10")]).id
        for (index, event) in ended.enumerated() {
            if index == 10 {
                _ = try await registrations.register(for: later, EventRegistrationInput(stakeholderID: organisations[0], participants: [
                    Participant(name: "Kept Delegate", email: "delegate.kept@example.org"),
                ]), actor: "test", now: now)
            }
            for (number, organisation) in organisations.enumerated() {
                _ = try await registrations.register(for: event, EventRegistrationInput(stakeholderID: organisation, participants: [
                    Participant(name: "Delegate \(index)-\(number)", email: "delegate.\(index).\(number)@example.org"),
                ]), actor: "test", now: now)
            }
        }
        #expect(RetentionBatch.size < 520)
        // Registrations that still name a delegate by address
        func named() async throws -> Int? {
            Int(try await database.scalar("SELECT CAST(count(*) AS TEXT) FROM event_registration WHERE participants LIKE '%delegate.%@example.org%'") ?? "")
        }
        #expect(try await named() == 521)

        // When the retention pass runs with a cutoff the day after the 3rd
        let erased = try await personalData.eraseParticipants(endedBefore: LocalDate(iso: "2027-06-04")!, now: now)

        // Then all 520 are erased across the batches, the later event's delegate is not, and a second pass finds nothing
        #expect(erased == 520)
        #expect(try await named() == 1)
        #expect(try await database.scalar("SELECT participants FROM event_registration WHERE event_id = ?", [.text(later.rawValue)])?.contains("delegate.kept@example.org") == true)
        #expect(try await personalData.eraseParticipants(endedBefore: LocalDate(iso: "2027-06-04")!, now: now) == 0)
    }
}
