import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("The mail outbox, preferences, suppressions and the mail queue on the test store")
final class MailStorageTests {
    let testStore: TestStore
    var database: any TestRows { testStore.rows }
    let stakeholders: any StakeholderRepository
    let events: any EventRepository
    let registrations: any EventRegistrationRepository
    let mail: any MailRepository
    let webhooks: any WebhookRepository
    let personalData: any PersonalDataRepository
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        stakeholders = repositories.stakeholders
        events = repositories.events
        registrations = repositories.registrations
        mail = repositories.mail
        webhooks = repositories.webhooks
        personalData = repositories.personalData
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    // MARK: Helpers

    private func organisation(_ name: String, email: String, approve: Bool = false) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: .ngo, country: "FJ", contactName: "Mere Tuilagi", contactEmail: email, codeOfConductAccepted: true)
        let created = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        if approve { _ = try await stakeholders.decide(created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now) }
        return created.id
    }

    /// `type → recipient` of every mail written, oldest first.
    private func mails() async throws -> [String] {
        try await database.rows("SELECT type, recipient_email, language FROM mail_delivery ORDER BY seq", []).map {
            "\($0.string("type") ?? "")→\($0.string("recipient_email") ?? "")/\($0.string("language") ?? "")"
        }
    }

    private func preferences(_ body: String) throws -> NotificationPreferencesPatch {
        try NotificationPreferencesPatch.parse(try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)))
    }

    private func claim(_ owner: String = "instance-a", at seconds: TimeInterval = 1) async throws -> [DueMail] {
        try await mail.claimDue(owner: owner, now: now.addingTimeInterval(seconds), limit: 100, lease: .seconds(60))
    }

    // MARK: Tests

    @Test("each change concerning an organisation writes one mail to its contact, in its language, with the change")
    func contactMail() async throws {
        let fiji = try await organisation("Pacific Islands Anti-Trafficking Network", email: "office@pacific.example")
        #expect(try await mails() == ["stakeholder.registered→office@pacific.example/en"])
        _ = try await mail.updateSettings(of: fiji, with: try preferences(#"{"language": "fr"}"#), now: now)
        _ = try await stakeholders.decide(fiji, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        #expect(try await mails().last == "stakeholder.approved→office@pacific.example/fr")
        // A change refused in its transaction writes no mail
        await #expect(throws: DomainError.self) {
            try await stakeholders.decide(fiji, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        }
        #expect(try await mails().count == 2)
        let context = try await database.scalar("SELECT context FROM mail_delivery WHERE type = 'stakeholder.approved'") ?? ""
        #expect(context.contains("Pacific Islands Anti-Trafficking Network"))
    }

    @Test("an organisation's e-mail opt-outs hold, its security messages go anyway, and staff-only types are never mailed")
    func optOuts() async throws {
        let id = try await organisation("Observatorio", email: "obs@example.org")
        _ = try await mail.updateSettings(of: id, with: try preferences(#"{"email": {"stakeholder.approved": false}}"#), now: now)
        _ = try await stakeholders.decide(id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        try await stakeholders.replaceAccessToken(of: id, hash: Secret.hash("new"), actor: "test", now: now)
        #expect(try await mails() == ["stakeholder.registered→obs@example.org/en", "stakeholder.access_token_issued→obs@example.org/en"])
        let settings = try #require(try await mail.settings(of: id))
        #expect(!settings.preferences.wants(.stakeholderApproved, on: .email) && settings.preferences.wants(.stakeholderApproved, on: .webhook))
        #expect(try await mail.settings(of: StakeholderID.generate()) == nil)
        // Its own webhook endpoint follows its webhook choices too
        let own = try await webhooks.createEndpoint(WebhookEndpoint(
            url: "https://hooks.example.org/own", description: nil, eventTypes: [], owner: id, createdBy: "test", createdAt: now, updatedAt: now),
            secret: WebhookSecret.generate())
        _ = try await mail.updateSettings(of: id, with: try preferences(#"{"webhook": {"stakeholder.suspended": false}}"#), now: now)
        _ = try await stakeholders.decide(id, .suspend, reason: "test", expectedVersion: nil, actor: "test", now: now)
        _ = try await stakeholders.decide(id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        let sent = try await webhooks.deliveries(of: own.id, statuses: [], filter: RecordFilter(), page: PageRequest()).items.map(\.type)
        #expect(sent == [.stakeholderApproved])
    }

    @Test("erasing an organisation deletes its mails; erasing a person deletes the mails to that person")
    func erasure() async throws {
        let id = try await organisation("Erased NGO", email: "erased@ngo.example", approve: true)
        let kept = try await organisation("Kept NGO", email: "kept@ngo.example", approve: true)
        let event = try await events.create(try StorageFixtures.session(), actor: "test", now: now)
        _ = try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: kept, participants: [
            Participant(name: "Lupe", email: "lupe@ngo.example"),
        ]), actor: "test", now: now)
        #expect(try await mails().contains("event_registration.created→lupe@ngo.example/en"))
        _ = try await personalData.erase(id, reason: "asked", actor: "staff", now: now)
        #expect(try await database.scalar("SELECT CAST(count(*) AS TEXT) FROM mail_delivery WHERE stakeholder_id = ?", [.text(id.rawValue)]) == "0")
        #expect(try await personalData.eraseParticipant(email: "LUPE@ngo.example", now: now) == 1)
        #expect(try await mails().allSatisfy { !$0.contains("lupe@") })
        #expect(try await mails().contains("event_registration.created→kept@ngo.example/en"))
    }

    @Test("the delegates of a registration hear about their seat, in their organisation's language, once each")
    func delegates() async throws {
        let id = try await organisation("Red Latinoamericana", email: "red@example.org", approve: true)
        _ = try await mail.updateSettings(of: id, with: try preferences(#"{"language": "es"}"#), now: now)
        let input = try StorageFixtures.session()
        let event = try await events.create(input, actor: "test", now: now)
        _ = try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: id, participants: [
            Participant(name: "Lupe", email: "lupe@example.org"), Participant(name: "Red", email: "RED@example.org"),
        ]), actor: "test", now: now)
        // The contact once (also listed as a delegate, in another case), the other delegate once
        #expect(try await mails().suffix(2) == ["event_registration.created→red@example.org/es", "event_registration.created→lupe@example.org/es"])
        let context = try await database.scalar("SELECT context FROM mail_delivery WHERE recipient_email = 'lupe@example.org'") ?? ""
        #expect(context.contains("CCPCJ 36") && context.contains("2027-05-17"))
    }

    @Test("a postponement carries the status and dates before it, in the webhook body and in each mail's facts")
    func previousDates() async throws {
        let id = try await organisation("Registered NGO", email: "reg@example.org", approve: true)
        let input = try StorageFixtures.session()
        let event = try await events.create(input, actor: "test", now: now)
        _ = try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: id, participants: [
            Participant(name: "Lupe", email: "lupe@example.org"),
        ]), actor: "test", now: now)
        _ = try await webhooks.createEndpoint(WebhookEndpoint(
            url: "https://hooks.example.org/staff", description: nil, eventTypes: [.eventPostponed], owner: nil, createdBy: "test", createdAt: now, updatedAt: now),
            secret: WebhookSecret.generate())
        _ = try await events.transition(event.id, .postpone(reason: "Liquidity", dates: nil), keepSideEvents: false, expectedVersion: nil, actor: "test", now: now)
        let context = try await database.scalar("SELECT context FROM mail_delivery WHERE type = 'event.postponed'") ?? ""
        #expect(context.contains(#""previous_starts_on":"2027-05-17""#) && context.contains(#""previous_ends_on":"2027-05-21""#))
        #expect(try await mails().last == "event.postponed→reg@example.org/en")
        let body = try await database.scalar("SELECT body FROM notification_message WHERE type = 'event.postponed'") ?? ""
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        #expect(json?["previous"] as? [String: String] == ["status": "scheduled", "starts_on": "2027-05-17", "ends_on": "2027-05-21"])
    }

    @Test("a claim is one worker's; a delivered mail is settled; a bounce suppresses the address until it changes")
    func queueAndBounce() async throws {
        let id = try await organisation("Closed NGO", email: "gone@closed.example")
        let claimed = try await claim()
        #expect(claimed.map(\.delivery.type) == [.stakeholderRegistered])
        #expect(try await claim("instance-b").isEmpty)
        let attempt = MailDelivery.Attempt(at: now, durationMilliseconds: 3, replyCode: 550, error: "mailbox unavailable")
        try await mail.record(claimed[0], attempt: attempt, outcome: .failed(bounced: true), now: now)
        let failed = try #require(try await mail.delivery(claimed[0].delivery.id))
        #expect(failed.status == .failed && failed.lastReplyCode == 550 && failed.attempts.map(\.replyCode) == [550])
        #expect(try await mail.settings(of: id)?.emailBouncing == true)
        // Nothing more is written for the bouncing address
        _ = try await stakeholders.decide(id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
        #expect(try await mails().count == 1)
        // A new address is mailed again
        try await database.execute("UPDATE stakeholder SET contact_email = ? WHERE id = ?", [.text("new@open.example"), .text(id.rawValue)])
        #expect(try await mail.settings(of: id)?.emailBouncing == false)
        _ = try await stakeholders.decide(id, .suspend, reason: "test", expectedVersion: nil, actor: "test", now: now)
        #expect(try await mails().last == "stakeholder.suspended→new@open.example/en")
        // Redelivery makes a failed mail pending again, due now
        let again = try await mail.redeliver(claimed[0].delivery.id, now: now)
        #expect(again.status == .pending && again.attempts.count == 1)
    }

    @Test("a retry waits for its time; a stale claim is not settled by its old holder; old pending mail expires")
    func retriesAndExpiry() async throws {
        _ = try await organisation("Retry NGO", email: "retry@example.org")
        let first = try await claim()
        try await mail.record(first[0], attempt: .init(at: now, durationMilliseconds: 1, replyCode: 421, error: "busy"),
                              outcome: .retry(at: now.addingTimeInterval(60)), now: now)
        #expect(try await claim(at: 30).isEmpty)
        let second = try await claim(at: 61)
        #expect(second.count == 1 && second[0].delivery.attemptCount == 1)
        // A worker whose claim passed to another settles nothing
        let stale = DueMail(delivery: second[0].delivery, context: second[0].context, claimedBy: "instance-z")
        try await mail.record(stale, attempt: .init(at: now, durationMilliseconds: 1, replyCode: 250, error: nil), outcome: .delivered, now: now)
        #expect(try await mail.delivery(second[0].delivery.id)?.status == .pending)
        try await mail.releaseClaims(owner: "instance-a")
        #expect(try await mail.expire(createdBefore: now.addingTimeInterval(1), now: now) == 1)
        #expect(try await mail.deliveries(MailDeliveryFilter(statuses: [.expired]), page: PageRequest(limit: 10, after: nil)).items.count == 1)
    }

    @Test("one-click unsubscribe: the contact's turns the type off in its preferences; a delegate's suppresses that type for that address")
    func unsubscribe() async throws {
        let id = try await organisation("Unsubscribing NGO", email: "contact@unsub.example")
        try await mail.unsubscribe(UnsubscribeToken(stakeholderID: id, type: .stakeholderApproved, recipientKey: MailAddress.key("Contact@Unsub.example")), now: now)
        #expect(try await mail.settings(of: id)?.preferences.emailOptOuts == [.stakeholderApproved])
        try await mail.unsubscribe(UnsubscribeToken(stakeholderID: id, type: .registrationApproved, recipientKey: MailAddress.key("delegate@unsub.example")), now: now)
        let suppressed = try await database.rows("SELECT address_key, type, reason FROM mail_suppression", [])
        #expect(suppressed.map { "\($0.string("type") ?? "")/\($0.string("reason") ?? "")" } == ["event_registration.approved/unsubscribed"])
        #expect(suppressed.first?.string("address_key") == MailAddress.key("delegate@unsub.example"))
        await #expect(throws: DomainError.self) {
            try await mail.unsubscribe(UnsubscribeToken(stakeholderID: .generate(), type: .stakeholderApproved, recipientKey: MailAddress.key("x@y.z")), now: now)
        }
    }
}
