import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("The transactional outbox and the delivery queue on the test store")
final class OutboxTests {
    let testStore: TestStore
    /// Plain SQL on the same database.
    var database: any TestRows { testStore.rows }
    let stakeholders: any StakeholderRepository
    let events: any EventRepository
    let registrations: any EventRegistrationRepository
    let webhooks: any WebhookRepository
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        stakeholders = repositories.stakeholders
        events = repositories.events
        registrations = repositories.registrations
        webhooks = repositories.webhooks
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    // MARK: Helpers

    @discardableResult
    private func endpoint(owner: StakeholderID? = nil, types: [NotificationType] = [], secret: String = WebhookSecret.generate()) async throws -> WebhookEndpoint {
        try await webhooks.createEndpoint(WebhookEndpoint(
            url: "https://hooks.example.org/\(UUID())", description: nil, eventTypes: types, owner: owner,
            createdBy: "test", createdAt: now, updatedAt: now), secret: secret)
    }

    private func stakeholder(_ name: String, approve: Bool = true) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let created = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        if approve { _ = try await stakeholders.decide(created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now) }
        return created.id
    }

    private func messageTypes() async throws -> [String] {
        try await database.rows("SELECT type FROM notification_message ORDER BY seq", []).compactMap { $0.string("type") }
    }

    private func claimAll(owner: String = "instance-a", at time: TimeInterval = 1) async throws -> [DueDelivery] {
        try await webhooks.claimDue(
            owner: owner, now: now.addingTimeInterval(time), excluding: [], endpoints: 100, perEndpoint: 100, lease: .seconds(60)
        ).values.flatMap { $0 }
    }

    // MARK: Tests

    @Test("a change and its message commit together; a refused change leaves no message")
    func transactional() async throws {
        try await endpoint()
        let pending = try await stakeholder("Pending", approve: false)
        #expect(try await messageTypes() == ["stakeholder.registered"])
        // A change refused inside the transaction (illegal review move) writes nothing
        await #expect(throws: DomainError.self) {
            try await stakeholders.decide(pending, .suspend, reason: "x", expectedVersion: nil, actor: "test", now: now)
        }
        #expect(try await messageTypes() == ["stakeholder.registered"])
        // The envelope is the Standard Webhooks body
        let body = try await database.scalar("SELECT body FROM notification_message")
        let json = try JSONSerialization.jsonObject(with: Data((body ?? "").utf8)) as? [String: Any]
        #expect(json?["type"] as? String == "stakeholder.registered")
        #expect((json?["data"] as? [String: Any])?["id"] as? String == pending.rawValue)
        #expect((json?["id"] as? String)?.hasPrefix("msg_") == true)
    }

    @Test("without a matching endpoint nothing is queued")
    func noEndpoints() async throws {
        try await endpoint(types: [.eventCreated])
        _ = try await stakeholder("Unwatched")
        #expect(try await messageTypes().isEmpty)
    }

    @Test("stakeholder endpoints get only what concerns their owner; staff endpoints get everything of their types")
    func fanOut() async throws {
        let mine = try await stakeholder("Mine"), other = try await stakeholder("Other")
        let own = try await endpoint(owner: mine)
        let staff = try await endpoint()
        _ = try await stakeholders.decide(other, .suspend, reason: "x", expectedVersion: nil, actor: "test", now: now)
        _ = try await stakeholders.decide(mine, .suspend, reason: "x", expectedVersion: nil, actor: "test", now: now)
        let due = try await claimAll()
        #expect(due.filter { $0.endpointID == staff.id }.count == 2)
        let ownDeliveries = due.filter { $0.endpointID == own.id }
        #expect(ownDeliveries.count == 1)
        #expect(String(decoding: ownDeliveries[0].body, as: UTF8.self).contains(mine.rawValue))
    }

    @Test("postponing an event tells the stakeholders registered for it, not the others")
    func eventConcerns() async throws {
        let registered = try await stakeholder("Registered"), bystander = try await stakeholder("Bystander")
        let input = try StorageFixtures.session(title: "CCPCJ")
        let event = try await events.create(input, actor: "test", now: now)
        _ = try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: registered, participants: [
            Participant(name: "P", email: "p@example.org"),
        ]), actor: "test", now: now)
        let registeredEndpoint = try await endpoint(owner: registered)
        let bystanderEndpoint = try await endpoint(owner: bystander)
        _ = try await events.transition(event.id, .postpone(reason: "COVID-19", dates: nil), expectedVersion: nil, actor: "test", now: now)
        let due = try await claimAll()
        #expect(due.map(\.endpointID) == [registeredEndpoint.id])
        #expect(!due.contains { $0.endpointID == bystanderEndpoint.id })
    }

    @Test("another instance never takes a live claim: only one whose lease expired, unless it was renewed")
    func claimLeases() async throws {
        // Given a delivery claimed by instance A with a 60-second lease
        _ = try await endpoint(types: [.stakeholderRegistered])
        _ = try await stakeholder("One", approve: false)
        let claimedByA = try await claimAll(owner: "instance-a")
        #expect(claimedByA.count == 1)
        // When instance B starts and looks for work while the lease lives
        try await webhooks.releaseClaims(owner: "instance-b")
        // Then it finds none, 30 seconds in or 59
        #expect(try await claimAll(owner: "instance-b", at: 30).isEmpty)
        #expect(try await claimAll(owner: "instance-b", at: 59).isEmpty)
        // When A renews its claim at 50 s, the lease runs to 110 s
        let renewed = try await webhooks.renewClaims(
            owner: "instance-a", endpoints: [claimedByA[0].endpointID], until: now.addingTimeInterval(110), now: now.addingTimeInterval(50))
        #expect(renewed == 1)
        #expect(try await claimAll(owner: "instance-b", at: 90).isEmpty)
        // B cannot renew what A holds
        #expect(try await webhooks.renewClaims(
            owner: "instance-b", endpoints: [claimedByA[0].endpointID], until: now.addingTimeInterval(500), now: now.addingTimeInterval(91)) == 0)
        // Then, A having died, B takes the delivery over once the lease ran out
        let takenOver = try await claimAll(owner: "instance-b", at: 111)
        #expect(takenOver.map(\.id) == claimedByA.map(\.id))
        // And A, restarted under its name, cannot release B's claim
        try await webhooks.releaseClaims(owner: "instance-a")
        #expect(try await claimAll(owner: "instance-a", at: 112).isEmpty)
    }

    @Test("one worker at a time per endpoint: another instance takes none of an endpoint whose claim is live")
    func oneWorkerPerEndpoint() async throws {
        // Given two deliveries due to one endpoint
        _ = try await endpoint(types: [.stakeholderRegistered])
        _ = try await stakeholder("One", approve: false)
        _ = try await stakeholder("Two", approve: false)
        // When A claims the first (one per endpoint at a time)
        let first = try await webhooks.claimDue(
            owner: "instance-a", now: now.addingTimeInterval(1), excluding: [], endpoints: 10, perEndpoint: 1, lease: .seconds(60))
        let claimedByA = try #require(first.values.first?.first)
        #expect(first.values.joined().count == 1)
        // Then B gets nothing of that endpoint while A's claim lives, though the second is due
        #expect(try await claimAll(owner: "instance-b", at: 2).isEmpty)
        // And once A has recorded its attempt, B may take the next
        let attempt = WebhookDelivery.Attempt(at: now, durationMilliseconds: 3, responseStatus: 204, error: nil, responseBody: nil)
        try await webhooks.record(claimedByA, attempt: attempt, outcome: .succeeded, disableAfter: .seconds(86400), now: now)
        let second = try await claimAll(owner: "instance-b", at: 3)
        #expect(second.count == 1 && second.first?.id != claimedByA.id)
        // And the log shows the settled one without a next attempt, the pending one with its time
        let log = try await webhooks.deliveries(of: claimedByA.endpointID, statuses: [], filter: RecordFilter(), page: PageRequest()).items
        let settled = try #require(log.first { $0.id == claimedByA.id })
        #expect(settled.status == .succeeded && settled.nextAttemptAt == nil)
        #expect(log.count == 2 && log.first { $0.id != claimedByA.id }?.nextAttemptAt != nil)
    }

    @Test("claims hold deliveries until released; outcomes move them; 410 disables the endpoint and tells staff")
    func workerQueue() async throws {
        let staff = try await endpoint(types: [.endpointDisabled])
        let target = try await endpoint(types: [.stakeholderRegistered])
        _ = try await stakeholder("One", approve: false)
        let first = try await claimAll()
        #expect(first.count == 1)
        #expect(try await claimAll().isEmpty)            // claimed: not handed out twice
        try await webhooks.releaseClaims(owner: "instance-a")  // as at a restart of the same instance
        let again = try await claimAll()
        #expect(again.map(\.id) == first.map(\.id))

        let attempt = WebhookDelivery.Attempt(at: now, durationMilliseconds: 3, responseStatus: 500, error: nil, responseBody: "no")
        try await webhooks.record(again[0], attempt: attempt, outcome: .retry(at: now.addingTimeInterval(3600)), disableAfter: .seconds(5 * 86400), now: now)
        #expect(try await claimAll().isEmpty)            // not due for an hour
        let stored = try #require(try await webhooks.delivery(again[0].id))
        #expect(stored.status == .pending && stored.attemptCount == 1 && stored.attempts.first?.responseStatus == 500)

        let gone = WebhookDelivery.Attempt(at: now, durationMilliseconds: 2, responseStatus: 410, error: nil, responseBody: nil)
        try await webhooks.record(again[0], attempt: gone, outcome: .gone, disableAfter: .seconds(5 * 86400), now: now)
        #expect(try await webhooks.endpoint(target.id)?.enabled == false)
        #expect(try await webhooks.delivery(again[0].id)?.status == .failed)
        #expect(try await messageTypes().last == "webhook_endpoint.disabled")
        #expect(try await claimAll().map(\.endpointID) == [staff.id])
    }

    @Test("a 410 in a claimed batch fails the rest of it and releases their claims")
    func goneReleasesTheBatch() async throws {
        // Given two deliveries to one endpoint, claimed together by A
        let target = try await endpoint(types: [.stakeholderRegistered])
        _ = try await stakeholder("One", approve: false)
        _ = try await stakeholder("Two", approve: false)
        let batch = try await claimAll(owner: "instance-a")
        #expect(batch.count == 2)
        // When the first is answered 410
        let gone = WebhookDelivery.Attempt(at: now, durationMilliseconds: 2, responseStatus: 410, error: nil, responseBody: nil)
        try await webhooks.record(batch[0], attempt: gone, outcome: .gone, disableAfter: .seconds(5 * 86400), now: now)
        // Then the endpoint is disabled, and the second is failed without an attempt and no longer claimed
        #expect(try await webhooks.endpoint(target.id)?.enabled == false)
        let rest = try #require(try await webhooks.delivery(batch[1].id))
        #expect(rest.status == .failed && rest.attempts.isEmpty)
        let claims = try await database.rows("SELECT claimed_by FROM webhook_delivery WHERE endpoint_id = ? AND claimed_by IS NOT NULL",
                                             [.text(target.id.rawValue)])
        #expect(claims.isEmpty)
    }

    @Test("an attempt recorded after the claim passed to another worker leaves the delivery to that worker")
    func lateRecord() async throws {
        _ = try await endpoint(types: [.stakeholderRegistered])
        _ = try await stakeholder("One", approve: false)
        // Given A's claim that ran out and was taken over by B
        let byA = try #require(try await claimAll(owner: "instance-a").first)
        let byB = try #require(try await claimAll(owner: "instance-b", at: 120).first)
        #expect(byA.id == byB.id)
        // When A, late, records a success
        let late = WebhookDelivery.Attempt(at: now, durationMilliseconds: 9, responseStatus: 204, error: nil, responseBody: nil)
        try await webhooks.record(byA, attempt: late, outcome: .succeeded, disableAfter: .seconds(86400), now: now.addingTimeInterval(121))
        // Then the attempt is kept, but the delivery is still B's: pending, claimed, not marked delivered by A
        let stored = try #require(try await webhooks.delivery(byA.id))
        #expect(stored.attempts.count == 1)
        #expect(stored.status == .pending && stored.attemptCount == 0)
        #expect(try await claimAll(owner: "instance-c", at: 122).isEmpty)
    }

    /// An endpoint and the one delivery it has waiting.
    private func endpointWithDelivery() async throws -> (WebhookEndpoint, DueDelivery) {
        let target = try await endpoint()
        _ = try await stakeholder("One", approve: false)
        return (target, try #require(try await claimAll().first))
    }

    /// Records an attempt at `delivery` on day `day` after `now`: a refused connection, or a 204. Five
    /// days without a success disable the endpoint.
    private func attempt(_ delivery: DueDelivery, succeeding: Bool = false, onDay day: Double) async throws {
        let at = now.addingTimeInterval(day * 86400)
        let attempt = WebhookDelivery.Attempt(at: at, durationMilliseconds: 1, responseStatus: succeeding ? 204 : nil,
                                              error: succeeding ? nil : "connection refused", responseBody: nil)
        try await webhooks.record(delivery, attempt: attempt, outcome: succeeding ? .succeeded : .retry(at: at),
                                  disableAfter: .seconds(5 * 86400), now: at)
    }

    @Test("an endpoint failing for five days without a success is disabled")
    func fiveDays() async throws {
        let (target, delivery) = try await endpointWithDelivery()
        try await attempt(delivery, onDay: 0)
        try await attempt(delivery, onDay: 4)
        #expect(try await webhooks.endpoint(target.id)?.enabled == true)
        try await attempt(delivery, onDay: 5)
        let disabled = try #require(try await webhooks.endpoint(target.id))
        #expect(disabled.enabled == false)
        #expect(disabled.disabledReason?.contains("no successful delivery since") == true)
    }

    @Test("a success ends the failing streak: the five days count again from the next failure")
    func successEndsTheStreak() async throws {
        // Given an endpoint whose deliveries have failed for four days
        let (target, delivery) = try await endpointWithDelivery()
        try await attempt(delivery, onDay: 0)
        try await attempt(delivery, onDay: 4)
        // When one succeeds, and failures start again the next day
        try await attempt(delivery, succeeding: true, onDay: 4.5)
        let healthy = try await database.rows("SELECT id FROM webhook_endpoint WHERE failing_since IS NULL AND last_success_at IS NOT NULL", [])
        #expect(healthy.count == 1)
        try await attempt(delivery, onDay: 5)
        try await attempt(delivery, onDay: 9)
        // Then it is still enabled on day 9 (five days after the first failure, but four after the streak began again)
        #expect(try await webhooks.endpoint(target.id)?.enabled == true)
        // And it is disabled once the new streak reaches five days, which its reason dates from day 5
        try await attempt(delivery, onDay: 10)
        let disabled = try #require(try await webhooks.endpoint(target.id))
        #expect(disabled.enabled == false)
        #expect(disabled.disabledReason == "no successful delivery since \(Timestamp.format(now.addingTimeInterval(5 * 86400)))")
    }

    @Test("signing secrets are sealed at rest; rotation keeps the old one for its overlap")
    func secrets() async throws {
        let secret = WebhookSecret.generate()
        let target = try await endpoint(secret: secret)
        let raw = try await database.rows("SELECT secret_sealed FROM webhook_endpoint", []).first?.data("secret_sealed")
        #expect(raw.map { !String(decoding: $0, as: UTF8.self).contains(secret) } == true)
        let next = WebhookSecret.generate()
        _ = try await webhooks.rotateSecret(target.id, to: next, previousUntil: now.addingTimeInterval(86400), now: now)
        _ = try await stakeholder("One", approve: false)
        #expect(try await claimAll().first?.secrets == [next, secret])
    }
}
