import EngageCore
import EngageDomain
import EngageSQLite
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
}
