import EngageCore
import EngageDomain
import Foundation
import Testing

/// Who is mailed about a change, without a database: what every store decides with.
@Suite("Mail fan-out: contacts, seat holders, opt-outs and suppressions")
struct MailFanOutTests {
    private let fiji = StakeholderID.generate()
    private let kenya = StakeholderID.generate()

    private func contact(_ id: StakeholderID, _ email: String, language: UNLanguage = .en, optOuts: Set<NotificationType> = []) -> MailContact {
        MailContact(stakeholderID: id, organisation: "Org \(email)", contactName: "Contact", contactEmail: email,
                    preferences: NotificationPreferences(language: language, emailOptOuts: optOuts))
    }

    /// The mails for `notification`, as a store decides them.
    private func candidates(_ notification: ChangeNotification, contacts: [MailContact], parent: MailParent?) -> [PendingMail] {
        MailFanOut.candidates(notification, MailFanOut.needs(notification), contacts: contacts, parent: parent)
    }

    private func notification(_ type: NotificationType, _ data: [String: Any], concerns: [StakeholderID]) throws -> ChangeNotification {
        ChangeNotification(type: type, data: try JSONSerialization.data(withJSONObject: data), concerns: concerns)
    }

    @Test("every organisation concerned is mailed at its contact in its language, unless it turned the type off")
    func contacts() throws {
        let postponed = try notification(.eventPostponed, ["id": "evt", "title": "CCPCJ 36", "status": "postponed", "status_reason": "Liquidity crisis"],
                                         concerns: [fiji, kenya])
        let mails = candidates(postponed, contacts: [contact(fiji, "a@fj.example", language: .fr), contact(kenya, "b@ke.example", optOuts: [.eventPostponed])], parent: nil)
        #expect(mails.map(\.recipientEmail) == ["a@fj.example"])
        #expect(mails[0].language == .fr && mails[0].role == .contact)
        #expect(mails[0].context == MailContext(organisation: "Org a@fj.example", title: "CCPCJ 36", status: "postponed", reason: "Liquidity crisis"))
        #expect(MailFanOut.needs(postponed).stakeholders == [fiji, kenya])
    }

    @Test("delegates hear about their own seat, told by the event; nobody twice; nobody at an erased address")
    func seatHolders() throws {
        let registration = try notification(.registrationApproved, [
            "id": "reg", "event_id": EventID.generate().rawValue, "stakeholder_id": fiji.rawValue, "status": "approved",
            "participants": [["name": "Mere", "email": "mere@fj.example"], ["name": "Same", "email": "A@FJ.example"], ["name": "[erased]", "email": Erasure.email]],
        ], concerns: [fiji])
        #expect(MailFanOut.needs(registration).eventID != nil)
        let parent = MailParent(title: "CCPCJ 36", startsOn: "2027-05-17", endsOn: "2027-05-21")
        let mails = candidates(registration, contacts: [contact(fiji, "a@fj.example", language: .es)], parent: parent)
        #expect(mails.map(\.recipientEmail) == ["a@fj.example", "mere@fj.example"])
        #expect(mails.map(\.role) == [.contact, .participant] && mails.allSatisfy { $0.language == .es })
        #expect(mails[1].context.title == "CCPCJ 36" && mails[1].context.startsOn == "2027-05-17")
        // A contact who turned the type off is not mailed as a delegate either
        let optedOut = candidates(registration, contacts: [contact(fiji, "a@fj.example", optOuts: [.registrationApproved])], parent: parent)
        #expect(optedOut.map(\.recipientEmail) == ["mere@fj.example"])
    }

    @Test("an announcement linked to an event keeps its own title in every language; a registration takes its event's")
    func titles() throws {
        let parent = MailParent(title: LocalizedText([.en: "36th CCPCJ", .fr: "Trente-sixième session"]), startsOn: nil, endsOn: nil)
        let announcement = try notification(.announcementPublished, [
            "id": "ann", "event_id": EventID.generate().rawValue, "title": "News",
            "translations": ["title": ["en": "News", "fr": "Nouvelles"], "body": ["en": "Text", "fr": "Texte"]],
        ], concerns: [fiji])
        let told = candidates(announcement, contacts: [contact(fiji, "a@fj.example", language: .fr)], parent: parent)
        #expect(told.first?.context.localizedTitle == ["en": "News", "fr": "Nouvelles"])
        let registration = try notification(.registrationApproved, [
            "id": "reg", "event_id": EventID.generate().rawValue, "stakeholder_id": fiji.rawValue, "status": "approved", "participants": [],
        ], concerns: [fiji])
        let approved = candidates(registration, contacts: [contact(fiji, "a@fj.example", language: .fr)], parent: parent)
        #expect(approved.first?.context.localizedTitle == ["en": "36th CCPCJ", "fr": "Trente-sixième session"])
    }

    @Test("types never sent to organisations mail nobody; suppressions hold, but not against security messages")
    func suppressions() throws {
        let created = try notification(.eventCreated, ["id": "evt", "title": "x"], concerns: [fiji])
        #expect(MailFanOut.needs(created).stakeholders.isEmpty)
        let token = try notification(.accessTokenIssued, ["id": fiji.rawValue, "name": "Org"], concerns: [fiji])
        let mails = candidates(token, contacts: [contact(fiji, "a@fj.example", optOuts: [.accessTokenIssued])], parent: nil)
        #expect(mails.count == 1)
        let key = MailAddress.key("a@fj.example")
        #expect(MailFanOut.unsuppressed(mails, type: .accessTokenIssued, suppressed: ["\(key)|stakeholder.access_token_issued"]).count == 1)
        #expect(MailFanOut.unsuppressed(mails, type: .accessTokenIssued, suppressed: ["\(key)|*"]).isEmpty)
        let approved = candidates(try notification(.stakeholderApproved, ["id": fiji.rawValue], concerns: [fiji]),
                                             contacts: [contact(fiji, "a@fj.example")], parent: nil)
        #expect(MailFanOut.unsuppressed(approved, type: .stakeholderApproved, suppressed: ["\(key)|stakeholder.approved"]).isEmpty)
        #expect(MailFanOut.unsuppressed(approved, type: .stakeholderApproved, suppressed: ["\(key)|event.updated"]).count == 1)
    }
}
