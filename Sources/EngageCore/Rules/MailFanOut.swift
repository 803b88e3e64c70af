import EngageDomain
import Foundation

/// An organisation as mail sees it: who reads its messages, in which language, and what it wants.
public struct MailContact: Sendable {
    public var stakeholderID: StakeholderID
    public var organisation: String
    public var contactName: String
    public var contactEmail: String
    public var preferences: NotificationPreferences

    public init(stakeholderID: StakeholderID, organisation: String, contactName: String, contactEmail: String, preferences: NotificationPreferences) {
        self.stakeholderID = stakeholderID
        self.organisation = organisation
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.preferences = preferences
    }
}

/// The event or workshop a registration, application or enrolment belongs to.
public struct MailParent: Sendable {
    public var title: LocalizedText
    public var startsOn: String?
    public var endsOn: String?

    public init(title: LocalizedText, startsOn: String?, endsOn: String?) {
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// Who is told of a change by e-mail, decided once for every store.
///
/// - The contact of each organisation the change concerns, unless the organisation turned the type off
///   for e-mail (security messages always go).
/// - The delegates of a registration and the participant of an enrolment, for messages about their own
///   seat, in their organisation's language.
/// - Nobody at an erased address, nobody twice, and nobody whose address bounced or who unsubscribed
///   from the type (the store reads those suppressions by `MailAddress.key`).
public enum MailFanOut {
    /// What the store must read before deciding: the organisations and the parent event or workshop.
    /// It carries the payload as read once, for `candidates`: `JSONSerialization`'s output, which
    /// nothing changes after `needs` returns, so it may be read from any thread.
    public struct Needs: @unchecked Sendable {
        public var stakeholders: [StakeholderID]
        public var eventID: EventID?
        public var workshopID: WorkshopID?
        let data: [String: Any]
    }

    /// What to read for `notification`; no stakeholders means no mail.
    public static func needs(_ notification: ChangeNotification) -> Needs {
        guard isMailed(notification.type) else { return Needs(stakeholders: [], eventID: nil, workshopID: nil, data: [:]) }
        return needs(notification, fields: fields(notification.data))
    }

    /// `needs` from the payload already parsed (`fields(_:)`), for a caller that reads it for other things too.
    public static func needs(_ notification: ChangeNotification, fields data: [String: Any]) -> Needs {
        guard isMailed(notification.type) else { return Needs(stakeholders: [], eventID: nil, workshopID: nil, data: [:]) }
        var stakeholders = notification.concerns
        if let owner = (data["stakeholder_id"] as? String).flatMap(StakeholderID.init(rawValue:)), isAboutSeats(notification.type), !stakeholders.contains(owner) {
            stakeholders.append(owner)
        }
        return Needs(
            stakeholders: stakeholders,
            eventID: (data["event_id"] as? String).flatMap(EventID.init(rawValue:)),
            workshopID: (data["workshop_id"] as? String).flatMap(WorkshopID.init(rawValue:)),
            data: data)
    }

    /// The mails to write, before suppressions; `needs` is what `needs(notification)` returned.
    public static func candidates(_ notification: ChangeNotification, _ needs: Needs, contacts: [MailContact], parent: MailParent?) -> [PendingMail] {
        let data = needs.data
        let byID = Dictionary(contacts.map { ($0.stakeholderID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        var mails: [PendingMail] = []
        // An organisation's contact and its delegates are told in one context (the organisation's): made once.
        var contexts: [StakeholderID: MailContext] = [:]
        func add(_ contact: MailContact, role: MailRecipientRole, name: String, email: String) {
            guard !email.hasSuffix("@erased.invalid") else { return }
            let told = contexts[contact.stakeholderID] ?? Self.context(notification, data, contact: contact, parent: parent)
            contexts[contact.stakeholderID] = told
            let mail = PendingMail(
                id: .generate(), stakeholderID: contact.stakeholderID, role: role, recipientName: name, recipientEmail: email,
                language: contact.preferences.language, context: told)
            if seen.insert(mail.addressKey).inserted { mails.append(mail) }
        }
        for id in notification.concerns {
            guard let contact = byID[id] else { continue }
            guard contact.preferences.wants(notification.type, on: .email) else {
                // Turned off: not mailed as a delegate either, when the contact is one.
                seen.insert(MailAddress.key(contact.contactEmail))
                continue
            }
            add(contact, role: .contact, name: contact.contactName, email: contact.contactEmail)
        }
        if isAboutSeats(notification.type), let owner = (data["stakeholder_id"] as? String).flatMap(StakeholderID.init(rawValue:)), let contact = byID[owner] {
            for person in seatHolders(data) { add(contact, role: .participant, name: person.name, email: person.email) }
        }
        return mails
    }

    /// The mails whose recipient has not bounced (`key|*`) nor unsubscribed from the type (`key|type`).
    public static func unsuppressed(_ mails: [PendingMail], type: NotificationType, suppressed: Set<String>) -> [PendingMail] {
        mails.filter { mail in
            if suppressed.contains("\(mail.addressKey)|*") { return false }
            return type.isSecurity || !suppressed.contains("\(mail.addressKey)|\(type.rawValue)")
        }
    }

    // MARK: Reading the payload

    /// Registrations and enrolments: their people hear about their own seat.
    static func isAboutSeats(_ type: NotificationType) -> Bool {
        type.rawValue.hasPrefix("event_registration.") || type.rawValue.hasPrefix("workshop_enrolment.")
    }

    private static func isMailed(_ type: NotificationType) -> Bool {
        type.isOpenToStakeholders && type != .test
    }

    /// The payload as `JSONSerialization` reads it (empty when it is no object).
    public static func fields(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func seatHolders(_ data: [String: Any]) -> [(name: String, email: String)] {
        let people = (data["participants"] as? [[String: Any]]) ?? (data["participant"] as? [String: Any]).map { [$0] } ?? []
        return people.compactMap { person in
            guard let name = person["name"] as? String, let email = person["email"] as? String else { return nil }
            return (name, email)
        }
    }

    static func context(_ notification: ChangeNotification, _ data: [String: Any], contact: MailContact, parent: MailParent?) -> MailContext {
        let isStakeholder = notification.type.rawValue.hasPrefix("stakeholder.")
        let translations = data["translations"] as? [String: Any]
        var context = MailContext(
            organisation: contact.organisation,
            // A registration, application or enrolment is told by its event or workshop.
            title: isStakeholder ? nil : parent?.title.primary ?? data["title"] as? String,
            startsOn: parent.map(\.startsOn) ?? data["starts_on"] as? String,
            endsOn: parent.map(\.endsOn) ?? data["ends_on"] as? String,
            status: data["status"] as? String,
            reason: notification.reason ?? data["status_reason"] as? String,
            participant: (data["participant"] as? [String: Any])?["name"] as? String,
            position: data["waitlist_position"] as? Int,
            previousStartsOn: notification.previous?.startsOn,
            previousEndsOn: notification.previous?.endsOn)
        context.previousPosition = notification.previous?.waitlistPosition
        // Told in the recipient's language where the text has it: the resource's own title (an event, a
        // workshop, an announcement), else the title of the event or workshop a registration or enrolment is for.
        context.localizedTitle = isStakeholder ? nil : translations?["title"] as? [String: String] ?? parent?.title.byCode
        context.localizedBody = translations?["body"] as? [String: String]
        if notification.type.rawValue.hasPrefix("workshop_enrolment.") { context.enrolmentID = data["id"] as? String }
        return context
    }
}
