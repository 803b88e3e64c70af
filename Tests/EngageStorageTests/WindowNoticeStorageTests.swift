import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("Windows told as they open, once, to the organisations of past sessions, on the test store")
final class WindowNoticeStorageTests {
    let testStore: TestStore
    var database: any TestRows { testStore.rows }
    let repositories: StoreRepositories
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    private func organisation(_ name: String) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: .ngo, country: "FJ", contactName: "Contact",
                                     contactEmail: "\(name.lowercased().filter(\.isLetter))@example.org", codeOfConductAccepted: true)
        let created = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        _ = try await repositories.stakeholders.decide(created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        return created.id
    }

    private func told() async throws -> [String] {
        try await database.rows("SELECT type, recipient_email FROM mail_delivery WHERE type LIKE 'event.%opened' ORDER BY seq", []).map {
            "\($0.string("type") ?? "")→\($0.string("recipient_email") ?? "")"
        }
    }

    @Test("a registration window is told when it opens, not before, not twice, not when edited, to who took part in that kind of event")
    func registrationWindow() async throws {
        // Given an organisation registered for the 35th session, and one that never took part
        let veteran = try await organisation("Veteran NGO")
        _ = try await organisation("Newcomer NGO")
        let past = try await repositories.events.create(try StorageFixtures.session(title: "CCPCJ 35"), actor: "test", now: now)
        _ = try await repositories.registrations.register(for: past.id, EventRegistrationInput(stakeholderID: veteran, participants: [
            Participant(name: "P", email: "p@example.org"),
        ]), actor: "test", now: now)
        let tellingPast = try await repositories.windows.announceOpenedWindows(now: now)
        #expect(tellingPast == 1)  // the 35th session's own window, open now, to nobody yet (no earlier session)
        #expect(try await told().isEmpty)

        // And the 36th session, whose registration opens in an hour
        let next = try await repositories.events.create(
            try StorageFixtures.session(title: "CCPCJ 36", opensAt: "2027-03-01T13:00:00Z", closesAt: "2027-04-01T00:00:00Z"), actor: "test", now: now)
        #expect(try await repositories.windows.announceOpenedWindows(now: now.addingTimeInterval(1800)) == 0)

        // When it opens, the veteran is told; once
        #expect(try await repositories.windows.announceOpenedWindows(now: now.addingTimeInterval(3601)) == 1)
        #expect(try await told() == ["event.registration_opened→veteranngo@example.org"])
        #expect(try await repositories.windows.announceOpenedWindows(now: now.addingTimeInterval(7200)) == 0)

        // Editing the window's close is no new window
        let patch = try EventInput.parse(.object(["registration": .object([
            "opens_at": .string("2027-03-01T13:00:00Z"), "closes_at": .string("2027-04-15T00:00:00Z")])]), mode: .patch)
        _ = try await repositories.events.update(next.id, with: patch, expectedVersion: nil, actor: "test", now: now)
        #expect(try await repositories.windows.announceOpenedWindows(now: now.addingTimeInterval(7300)) == 0)
        #expect(try await told().count == 1)
    }

    @Test("a side-event window is told with its own type; a postponed event's windows are not, unless registration stays open")
    func applicationsAndPostponed() async throws {
        let veteran = try await organisation("Veteran NGO")
        let past = try await repositories.events.create(try StorageFixtures.session(title: "CCPCJ 35"), actor: "test", now: now)
        _ = try await repositories.registrations.register(for: past.id, EventRegistrationInput(stakeholderID: veteran, participants: [
            Participant(name: "P", email: "p@example.org"),
        ]), actor: "test", now: now)
        _ = try await repositories.windows.announceOpenedWindows(now: now)

        // Given two sessions whose windows open in an hour; one is postponed before then
        func session(_ title: String) throws -> EventInput {
            try EventInput.parse(.object([
                "title": .string(title), "kind": .string("ccpcj_session"), "starts_on": .string("2027-05-17"), "ends_on": .string("2027-05-21"),
                "registration": .object(["opens_at": .string("2027-03-01T13:00:00Z"), "closes_at": .string("2027-04-01T00:00:00Z")]),
                "side_event_applications": .object([
                    "opens_at": .string("2027-03-01T13:00:00Z"), "closes_at": .string("2027-04-01T00:00:00Z"), "max_per_organizer": .number(2)]),
            ]), mode: .create)
        }
        _ = try await repositories.events.create(try session("CCPCJ 36"), actor: "test", now: now)
        let postponed = try await repositories.events.create(try session("CCPCJ 37"), actor: "test", now: now)
        _ = try await repositories.events.transition(postponed.id, .postpone(reason: "Liquidity", dates: nil), expectedVersion: nil, actor: "test", now: now)

        // When they open, only the scheduled session's two windows are told
        #expect(try await repositories.windows.announceOpenedWindows(now: now.addingTimeInterval(3601)) == 2)
        #expect(try await told() == [
            "event.registration_opened→veteranngo@example.org", "event.side_event_applications_opened→veteranngo@example.org",
        ])
    }
}
