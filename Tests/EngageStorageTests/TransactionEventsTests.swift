import EngageCore
import EngageDomain
import EngageRecords
@testable import EngageSQLite
import Foundation
import GRDB
import Testing

/// The events a batch transaction keeps for its registrations: never a version or a transaction
/// other than the one they were read in.
@Suite("SQLite: events kept for one transaction's registrations")
struct TransactionEventsTests {
    let store: SQLiteStore
    let repositories: StoreRepositories
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() throws {
        store = try SQLiteStore.open(path: nil)
        repositories = store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
    }

    // MARK: Helpers

    private func approvedOrganisation(_ name: String) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: .ngo, country: "KE", contactName: "Wanjiru Kamau", contactEmail: "office@\(name.lowercased()).example", codeOfConductAccepted: true)
        let created = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        _ = try await repositories.stakeholders.decide(created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        return created.id
    }

    private func session(_ loaded: (EventRecord, Event)) -> Int? {
        loaded.1.sessionNumber
    }

    // MARK: Tests

    @Test("an event is read once per transaction while its version stands, again when it moves, and afresh in the next transaction")
    func keptForItsTransaction() async throws {
        // Given an event
        let event = try await repositories.events.create(try StorageFixtures.session(title: "CCPCJ 36"), actor: "test", now: now)
        let writer = store.database.writer
        let kept = TransactionEvents(writer)

        // When one transaction reads it, changes its session number without moving its version (no path of the service
        // does), reads it, then changes the number with the version and reads it again
        let numbers: [Int?] = try await writer.write { db in
            let first = try kept.load(event.id, in: db)
            try db.execute(sql: "UPDATE event SET session_number = 1 WHERE id = ?", arguments: [event.id.rawValue])
            let second = try kept.load(event.id, in: db)
            try db.execute(sql: "UPDATE event SET session_number = 2, version = version + 1 WHERE id = ?", arguments: [event.id.rawValue])
            let third = try kept.load(event.id, in: db)
            return [session(first), session(second), session(third)]
        }

        // Then the second read was the kept one, and the moved version was read afresh
        #expect(numbers == [nil, nil, 2])

        // And the next transaction reads the row itself, at the same version
        let next = try await writer.write { db in
            try db.execute(sql: "UPDATE event SET session_number = 3 WHERE id = ?", arguments: [event.id.rawValue])
            return session(try kept.load(event.id, in: db))
        }
        #expect(next == 3)

        // And outside a batch (number 0) nothing is kept
        #expect(writer.transactionNumber == 0)
        let outside: [Int?] = try await writer.connection.write { db in
            let before = try kept.load(event.id, in: db)
            try db.execute(sql: "UPDATE event SET session_number = 4 WHERE id = ?", arguments: [event.id.rawValue])
            return [session(before), session(try kept.load(event.id, in: db))]
        }
        #expect(outside == [3, 4])

        // And a missing event is a 404's error
        let missing = EventID.generate()
        await #expect(throws: DomainError.notFound(resource: "event", id: missing.rawValue)) {
            try await writer.write { db in _ = try kept.load(missing, in: db) }
        }
    }

    @Test("a registration after a cancellation in the same transaction is refused")
    func cancellationInTheSameTransaction() async throws {
        // Given an event open for registration and two approved organisations, and the writer held busy
        let event = try await repositories.events.create(try StorageFixtures.session(), actor: "test", now: now)
        let (first, second) = (try await approvedOrganisation("Amani"), try await approvedOrganisation("Haki"))
        let writer = store.database.writer
        let gate = DispatchSemaphore(value: 0)
        writer.connection.asyncWriteWithoutTransaction { _ in gate.wait() }
        var opened = false
        defer { if !opened { gate.signal() } }
        let commits = writer.commits

        // When a registration, the event's cancellation and a second registration wait for it, in that order
        let registrations = repositories.registrations, events = repositories.events, now = now
        let delegate = [Participant(name: "Achieng Otieno", email: "achieng@amani.example")]
        let registered = Task { try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: first, participants: delegate), actor: "test", now: now) }
        try await waitUntil(writer, holds: 1)
        let cancelled = Task { try await events.transition(event.id, .cancel(reason: "venue lost"), keepSideEvents: false, expectedVersion: nil, actor: "test", now: now) }
        try await waitUntil(writer, holds: 2)
        let refused = Task { try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: second, participants: delegate), actor: "test", now: now) }
        try await waitUntil(writer, holds: 3)
        gate.signal()
        opened = true

        // Then they ran in one transaction: the first registration is stored, the event cancelled, and the
        // second registration refused, as the cancelled event (not the one the first read) refuses it
        _ = try await registered.value
        #expect(try await cancelled.value.status == .cancelled)
        let refusal = await #expect(throws: DomainError.self) { _ = try await refused.value }
        guard case .conflict(let detail)? = refusal else { Issue.record("not a conflict: \(String(describing: refusal))"); return }
        #expect(detail.contains("cancelled"), "\(detail)")
        #expect(writer.commits == commits + 1)
        let stored = try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT stakeholder_id FROM event_registration WHERE event_id = ?", arguments: [event.id.rawValue])
        }
        #expect(stored == [first.rawValue])
    }

    private func waitUntil(_ writer: GroupCommitWriter, holds count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while writer.waiting < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try #require(writer.waiting == count)
    }
}
