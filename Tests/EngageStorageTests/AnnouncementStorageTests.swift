import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("Announcements: audiences, scheduling, withdrawal and corrections on the test store")
final class AnnouncementStorageTests {
    let testStore: TestStore
    var database: any TestRows { testStore.rows }
    let stakeholders: any StakeholderRepository
    let events: any EventRepository
    let registrations: any EventRegistrationRepository
    let mail: any MailRepository
    let announcements: any AnnouncementRepository
    let now = Timestamp.parse("2027-03-01T12:00:00Z")!

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        stakeholders = repositories.stakeholders
        events = repositories.events
        registrations = repositories.registrations
        mail = repositories.mail
        announcements = repositories.announcements
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    // MARK: Helpers

    private func organisation(_ name: String, country: String = "FJ", kind: StakeholderKind = .ngo, approve: Bool = true,
                              language: UNLanguage = .en) async throws -> StakeholderID {
        let input = StakeholderInput(name: name, kind: kind, country: country, contactName: "Contact",
                                     contactEmail: "\(name.lowercased().filter(\.isLetter))@example.org", codeOfConductAccepted: true)
        let created = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        if approve { _ = try await stakeholders.decide(created.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now) }
        if language != .en {
            let patch = try NotificationPreferencesPatch.parse(.object(["language": .string(language.rawValue)]))
            _ = try await mail.updateSettings(of: created.id, with: patch, now: now)
        }
        return created.id
    }

    private func announcement(_ audience: AnnouncementAudience = .approvedStakeholders, publishAt: Date? = nil, eventID: EventID? = nil) -> Announcement {
        Announcement(
            title: LocalizedText([.en: "New dates for the 29th session", .fr: "Nouvelles dates de la 29e session"]),
            body: LocalizedText([.en: "The session will take place from 12 to 16 May.", .fr: "La session aura lieu du 12 au 16 mai."]),
            audience: audience, publishAt: publishAt ?? now, eventID: eventID, createdBy: "staff", createdAt: now, updatedAt: now)
    }

    /// `type→recipient/language` of the announcement mails, oldest first.
    private func mails() async throws -> [String] {
        try await database.rows("SELECT type, recipient_email, language FROM mail_delivery WHERE type LIKE 'announcement.%' ORDER BY seq", []).map {
            "\($0.string("type") ?? "")→\($0.string("recipient_email") ?? "")/\($0.string("language") ?? "")"
        }
    }

    // MARK: Tests

    @Test("one due now is published in its own transaction and sent to every approved organisation, each in its language")
    func publishNow() async throws {
        _ = try await organisation("Fiji Women", language: .fr)
        _ = try await organisation("Kenya Youth")
        _ = try await organisation("Pending Org", approve: false)
        let published = try await announcements.create(announcement(), now: now)
        #expect(published.status == .published && published.publishedAt == now && published.recipients == 2)
        #expect(try await mails() == ["announcement.published→fijiwomen@example.org/fr", "announcement.published→kenyayouth@example.org/en"])
        let context = try await database.scalar("SELECT context FROM mail_delivery WHERE recipient_email = 'fijiwomen@example.org' AND type = 'announcement.published'") ?? ""
        #expect(context.contains("Nouvelles dates de la 29e session"))
        #expect(try await announcements.find(published.id)?.status == .published)
    }

    @Test("a scheduled one waits for its time, is published once, and a withdrawn one never")
    func scheduling() async throws {
        _ = try await organisation("Kenya Youth")
        let later = try await announcements.create(announcement(publishAt: now.addingTimeInterval(3600)), now: now)
        let withdrawnToo = try await announcements.create(announcement(publishAt: now.addingTimeInterval(3600)), now: now)
        #expect(later.status == .scheduled && later.publishedAt == nil)
        #expect(try await announcements.publishDue(now: now.addingTimeInterval(60), limit: 10).isEmpty)
        let withdrawn = try await announcements.withdraw(withdrawnToo.id, expectedVersion: nil, now: now)
        #expect(withdrawn.status == .withdrawn)
        await #expect(throws: DomainError.self) { try await announcements.withdraw(withdrawnToo.id, expectedVersion: nil, now: now) }
        let due = try await announcements.publishDue(now: now.addingTimeInterval(3601), limit: 10)
        #expect(due.map(\.id) == [later.id] && due[0].recipients == 1)
        #expect(try await announcements.publishDue(now: now.addingTimeInterval(7200), limit: 10).isEmpty)
        #expect(try await mails().count == 1)
        // Published: it can no longer be withdrawn, only corrected
        await #expect(throws: DomainError.self) { try await announcements.withdraw(later.id, expectedVersion: nil, now: now) }
        await #expect(throws: DomainError.self) {
            try await announcements.update(later.id, with: try AnnouncementInput.parse(.object(["publish_at": .string("2027-04-01T00:00:00Z")]), creating: false, now: now),
                                           expectedVersion: nil, actor: "staff", now: now)
        }
        let corrected = try await announcements.update(
            later.id, with: try AnnouncementInput.parse(.object(["body": .object(["en": .string("From 13 to 17 May.")])]), creating: false, now: now),
            expectedVersion: due[0].version, actor: "staff", now: now.addingTimeInterval(7200))
        #expect(corrected.correctedAt == now.addingTimeInterval(7200) && corrected.body.values == [.en: "From 13 to 17 May."])
        #expect(try await mails() == ["announcement.published→kenyayouth@example.org/en", "announcement.corrected→kenyayouth@example.org/en"])
        // A stale version is refused
        await #expect(throws: DomainError.self) {
            try await announcements.update(later.id, with: try AnnouncementInput.parse(.object(["body": .string("x")]), creating: false, now: now),
                                           expectedVersion: due[0].version, actor: "staff", now: now)
        }
    }

    @Test("audiences: an event's registrants; approved organisations by country, kind and topic; links that must exist")
    func audiences() async throws {
        let fiji = try await organisation("Fiji Women", country: "FJ")
        let kenya = try await organisation("Kenya Academia", country: "KE", kind: .academia)
        _ = try await organisation("Kenya Pending", country: "KE", kind: .academia, approve: false)
        let input = try StorageFixtures.session()
        let event = try await events.create(input, actor: "test", now: now)
        _ = try await registrations.register(for: event.id, EventRegistrationInput(stakeholderID: fiji, participants: [
            Participant(name: "P", email: "p@example.org"),
        ]), actor: "test", now: now)
        let toRegistrants = try await announcements.create(announcement(.eventRegistrants(event.id), eventID: event.id), now: now)
        #expect(toRegistrants.recipients == 1)
        let toKenyanAcademia = try await announcements.create(
            announcement(.stakeholders(regions: [], countries: ["KE"], kinds: [.academia], topics: [])), now: now)
        #expect(toKenyanAcademia.recipients == 1)
        let recipients = try await database.rows("SELECT stakeholder_id FROM mail_delivery WHERE type = 'announcement.published' ORDER BY seq", [])
        #expect(recipients.compactMap { $0.string("stakeholder_id") } == [fiji.rawValue, kenya.rawValue])
        do {
            _ = try await announcements.create(announcement(.workshopEnrolled(.generate()), eventID: .generate()), now: now)
            Issue.record("links to nothing were accepted")
        } catch DomainError.validation(let errors) {
            #expect(Set(errors.map(\.field)) == ["event_id", "audience.workshop_id"])
        }
        let filtered = try await announcements.list(AnnouncementFilter(statuses: [.published], eventID: event.id, languages: [.fr]), page: PageRequest())
        #expect(filtered.items.map(\.id) == [toRegistrants.id])
        #expect(try await announcements.list(AnnouncementFilter(languages: [.ar]), page: PageRequest()).items.isEmpty)
        #expect(try await announcements.latest(limit: 1).map(\.id) == [toKenyanAcademia.id])
    }
}
