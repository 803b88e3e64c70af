import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("The retention pass on the test store")
final class RetentionStorageTests {
    let testStore: TestStore
    var database: any TestRows { testStore.rows }
    let events: any EventRepository
    let registrations: any EventRegistrationRepository
    let stakeholders: any StakeholderRepository
    let personalData: any PersonalDataRepository
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        events = repositories.events
        registrations = repositories.registrations
        stakeholders = repositories.stakeholders
        personalData = repositories.personalData
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    // MARK: Helpers

    private func event(endingOn end: String) async throws -> EventID {
        try await events.create(try EventInput.parse(.object([
            "title": .string("Expert group meeting"), "kind": .string("expert_group_meeting"),
            "starts_on": .string("2027-06-01"), "ends_on": .string(end),
            "registration": .object(["opens_at": .string("2027-01-01T00:00:00Z"), "closes_at": .string("2027-05-01T00:00:00Z")]),
        ]), mode: .create), actor: "test", now: now).id
    }

    private func approvedStakeholder(_ index: Int) async throws -> StakeholderID {
        let input = StakeholderInput(name: "Organisation \(index)", kind: .ngo, country: "KE", contactName: "C", contactEmail: "c\(index)@example.org", codeOfConductAccepted: true)
        let stakeholder = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        return try await stakeholders.decide(stakeholder.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now).id
    }

    /// Registrations that still name a delegate by address.
    private func named() async throws -> Int {
        Int(try await database.scalar("SELECT CAST(count(*) AS TEXT) FROM event_registration WHERE participants LIKE '%delegate.%@example.org%'") ?? "") ?? -1
    }

    // MARK: Tests

    @Test("a pass longer than one batch erases every registration of the ended events, and only those")
    func moreThanOneBatch() async throws {
        // Given 520 registrations of events that ended on 3 June 2027, more than one batch of the pass,
        // and, registered half-way through them, one of an event that ends a week later
        var organisations: [StakeholderID] = []
        for index in 0..<26 { organisations.append(try await approvedStakeholder(index)) }
        var ended: [EventID] = []
        for _ in 0..<20 { ended.append(try await event(endingOn: "2027-06-03")) }
        let later = try await event(endingOn: "2027-06-10")
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
