import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The mail side of the outbox on SQLite: what `MailFanOut` needs, read in the change's transaction.
enum MailOutbox {
    /// The mails `notification` causes, after preferences and suppressions; `needs` is `MailFanOut.needs(notification)`.
    /// `event`, when the caller already read it in this transaction, is the one `needs` names: it is not read again.
    static func mails(for notification: ChangeNotification, needs: MailFanOut.Needs, event: EventRecord? = nil, in db: Database) throws -> [PendingMail] {
        guard !needs.stakeholders.isEmpty else { return [] }
        let contacts = try Row.fetchAll(db.statement("""
            SELECT s.id, s.name, s.contact_name, s.contact_email, p.preferences
            FROM stakeholder s LEFT JOIN stakeholder_notification_settings p ON p.stakeholder_id = s.id
            WHERE s.id IN \(SQLList.placeholders(needs.stakeholders.count))
            """, inListOf: needs.stakeholders.count), arguments: StatementArguments(texts: needs.stakeholders.map { $0.rawValue })).map { row in
            MailContact(
                stakeholderID: StakeholderID(unchecked: row["id"]), organisation: row["name"], contactName: row["contact_name"],
                contactEmail: row["contact_email"], preferences: .stored(row["preferences"]))
        }
        let known = event.flatMap { $0.id == needs.eventID?.rawValue ? parent(title: $0.title, translations: $0.translations, startsOn: $0.startsOn, endsOn: $0.endsOn) : nil }
        let candidates = MailFanOut.candidates(notification, needs, contacts: contacts, parent: try known ?? parent(needs, in: db))
        guard !candidates.isEmpty else { return [] }
        // One probe of the primary key per address: `IN (…)` over the addresses built a temporary b-tree of them each time.
        var suppressed: Set<String> = []
        let probe = try db.cachedStatement(sql: "SELECT address_key || '|' || type FROM mail_suppression WHERE address_key = ?")
        for key in Set(candidates.map(\.addressKey)) {
            suppressed.formUnion(try String.fetchAll(probe, arguments: [key]))
        }
        return MailFanOut.unsuppressed(candidates, type: notification.type, suppressed: suppressed)
    }

    /// Writes the rows, in the caller's transaction, through one cached statement (as the webhook
    /// deliveries are): GRDB's `Codable` insert of two mail rows was 16 % of a registration's time. The
    /// record decides every value; a new row leaves the attempt, claim and delivery columns NULL.
    /// `SQLiteStoreTests` holds this to what GRDB's own insert of the same record writes.
    /// A registration's contact and its delegates share one context (the organisation's): it is encoded once.
    static func insert(_ mails: [PendingMail], messageID: MessageID, type: NotificationType, now: Date, in db: Database) throws {
        var previous: (context: MailContext, json: String)?
        for mail in mails {
            let json = previous.flatMap { $0.context == mail.context ? $0.json : nil } ?? JSONText.encode(mail.context)
            previous = (mail.context, json)
            let row = MailDeliveryRecord(mail, messageID: messageID, type: type, now: now, encodedContext: json)
            try db.executeCached("""
                INSERT INTO mail_delivery (id, message_id, type, stakeholder_id, role, recipient_name, recipient_email, language, context,
                                           status, attempt_count, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row.id, row.messageId, row.type, row.stakeholderId, row.role, row.recipientName, row.recipientEmail, row.language,
                                 row.context, row.status, row.attemptCount, row.nextAttemptAt.map(StoredDate.init), StoredDate(row.createdAt),
                                 StoredDate(row.updatedAt)])
        }
    }

    private static func parent(_ needs: MailFanOut.Needs, in db: Database) throws -> MailParent? {
        let found: Row?
        if let event = needs.eventID {
            found = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, translations, starts_on, ends_on FROM event WHERE id = ?"), arguments: [event.rawValue])
        } else if let workshop = needs.workshopID {
            found = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, translations, starts_on, ends_on FROM workshop WHERE id = ?"), arguments: [workshop.rawValue])
        } else {
            found = nil
        }
        return found.map { row in parent(title: row["title"], translations: row["translations"], startsOn: row["starts_on"], endsOn: row["ends_on"]) }
    }

    /// The event or workshop a mail tells of, from its columns.
    private static func parent(title: String, translations: String, startsOn: String?, endsOn: String?) -> MailParent {
        MailParent(title: TranslationsColumn(json: translations).text("title", plain: title) ?? LocalizedText(title), startsOn: startsOn, endsOn: endsOn)
    }
}
