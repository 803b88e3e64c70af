import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The mail side of the outbox on PostgreSQL: what `MailFanOut` needs, read in the change's transaction.
enum PostgresMailOutbox {
    /// The mails `notification` causes, after preferences and suppressions.
    static func mails(for notification: ChangeNotification, in db: any SQLDatabase) async throws -> [PendingMail] {
        let needs = MailFanOut.needs(notification)
        guard !needs.stakeholders.isEmpty else { return [] }
        let contacts = try await db.raw("""
            SELECT s.id, s.name, s.contact_name, s.contact_email, p.preferences
            FROM stakeholder s LEFT JOIN stakeholder_notification_settings p ON p.stakeholder_id = s.id
            WHERE s.id = ANY(\(bind: needs.stakeholders.map(\.rawValue)))
            """).all().map { row in
            MailContact(
                stakeholderID: StakeholderID(unchecked: try row.decode(column: "id", as: String.self)),
                organisation: try row.decode(column: "name", as: String.self),
                contactName: try row.decode(column: "contact_name", as: String.self),
                contactEmail: try row.decode(column: "contact_email", as: String.self),
                preferences: .stored(try row.decode(column: "preferences", as: String?.self)))
        }
        let candidates = MailFanOut.candidates(notification, needs, contacts: contacts, parent: try await parent(needs, in: db))
        guard !candidates.isEmpty else { return [] }
        let keys = candidates.map(\.addressKey)
        let suppressed = Set(try await db.raw("""
            SELECT address_key || '|' || type AS entry FROM mail_suppression WHERE address_key = ANY(\(bind: keys))
            """).all().map { try $0.decode(column: "entry", as: String.self) })
        return MailFanOut.unsuppressed(candidates, type: notification.type, suppressed: suppressed)
    }

    private static func parent(_ needs: MailFanOut.Needs, in db: any SQLDatabase) async throws -> MailParent? {
        let query: SQLQueryString
        if let event = needs.eventID {
            query = "SELECT title, translations, starts_on, ends_on FROM event WHERE id = \(bind: event.rawValue)"
        } else if let workshop = needs.workshopID {
            query = "SELECT title, translations, starts_on, ends_on FROM workshop WHERE id = \(bind: workshop.rawValue)"
        } else {
            return nil
        }
        guard let row = try await db.raw(query).first() else { return nil }
        let title = try row.decode(column: "title", as: String.self)
        let translations = TranslationsColumn(json: try row.decode(column: "translations", as: String.self))
        return MailParent(
            title: translations.text("title", plain: title) ?? LocalizedText(title), startsOn: try row.decode(column: "starts_on", as: String?.self),
            endsOn: try row.decode(column: "ends_on", as: String?.self))
    }
}
