import EngageCore
import EngageDomain
import EngageRecords
@testable import EngageSQLite
import Foundation
import GRDB
import Testing

/// What only the embedded store does: SQLite's own settings and its online backup.
@Suite("The SQLite store itself")
struct SQLiteStoreTests {
    let store: SQLiteStore
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        store = try SQLiteStore.open(path: nil)
    }

    @Test("foreign keys are enforced on every connection")
    func foreignKeys() async throws {
        let enabled = try await store.database.writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(enabled == true)
    }

    @Test("backup writes a consistent copy")
    func backup() async throws {
        let input = StakeholderInput(name: "Kept", kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let repositories = store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        _ = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("engage-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try store.database.backup(to: path)
        let copy = try DatabaseQueue(path: path)
        #expect(try await copy.read { db in try String.fetchOne(db, sql: "SELECT name FROM stakeholder") } == "Kept")
    }

    /// New mail rows skip GRDB's `Codable` insert for one cached statement that names its columns: a
    /// value `MailDeliveryRecord.init` sets but that statement leaves out would be lost without a word.
    @Test("a new mail row is written as GRDB's own insert of the same record writes it")
    func mailRowsAsGRDBWrites() async throws {
        // Given a stakeholder, and one pending mail to it with a context
        let input = StakeholderInput(name: "Mailed", kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let repositories = store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        let stakeholder = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        var context = MailContext()
        context.organisation = "Mailed"
        let mail = PendingMail(id: .generate(), stakeholderID: stakeholder.id, role: .participant, recipientName: "Delegate",
                               recipientEmail: "delegate@example.org", language: .fr, context: context)
        let message = MessageID.generate()
        // When it is written by the outbox, and the same record again through GRDB's Codable insert
        let (compared, differing, storedContext) = try await store.database.writer.write { db -> (Int, [String], String?) in
            try MailOutbox.insert([mail], messageID: message, type: .registrationCreated, now: now, in: db)
            var record = MailDeliveryRecord(mail, messageID: message, type: .registrationCreated, now: now)
            record.id = MailDeliveryID.generate().rawValue
            try record.insert(db)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM mail_delivery WHERE message_id = ? ORDER BY seq", arguments: [message.rawValue])
            let (fast, codable) = (rows[0], rows[1])
            let columns = Set(fast.columnNames).subtracting(["seq", "id"])
            return (columns.count, columns.sorted().filter { fast[$0] as DatabaseValue != codable[$0] as DatabaseValue }, fast["context"])
        }
        // Then the two rows agree on every column but their keys
        #expect(compared > 10)
        #expect(differing == [])
        #expect(storedContext != "{}")
    }
}
