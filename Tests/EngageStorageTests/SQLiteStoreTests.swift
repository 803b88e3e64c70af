import EngageCore
import EngageDomain
import EngageRecords
@testable import EngageSQLite
import Foundation
import GRDB
import Synchronization
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
    @Test("new mail rows are written as GRDB's own insert of the same records writes them")
    func mailRowsAsGRDBWrites() async throws {
        // Given a stakeholder, and eleven pending mails to it in six languages, three at a time sharing a context (as a
        // registration's contact and delegates do), and each group's context differing from the next
        let input = StakeholderInput(name: "Mailed", kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let repositories = store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        let stakeholder = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        let languages: [UNLanguage] = [.fr, .ar, .zh, .en, .ru, .es]
        let mails = (0..<11).map { index in
            var context = MailContext()
            context.organisation = "Mailed \(index / 3)"
            return PendingMail(id: .generate(), stakeholderID: stakeholder.id, role: index == 0 ? .contact : .participant, recipientName: "Delegate \(index)",
                               recipientEmail: "delegate\(index)@example.org", language: languages[index % languages.count], context: context)
        }
        let (fast, codable) = (MessageID.generate(), MessageID.generate())
        // When they are written by the outbox, and the same records again through GRDB's Codable insert
        let (written, compared, differing) = try await store.database.writer.write { db -> (Int, Int, [String]) in
            try MailOutbox.insert(mails, messageID: fast, type: .registrationCreated, now: now, in: db)
            for mail in mails {
                var record = MailDeliveryRecord(mail, messageID: codable, type: .registrationCreated, now: now)
                record.id = MailDeliveryID.generate().rawValue
                try record.insert(db)
            }
            func rows(_ message: MessageID) throws -> [Row] {
                try Row.fetchAll(db, sql: "SELECT * FROM mail_delivery WHERE message_id = ? ORDER BY seq", arguments: [message.rawValue])
            }
            let (outbox, grdb) = (try rows(fast), try rows(codable))
            let columns = Set(outbox[0].columnNames).subtracting(["seq", "id", "message_id"])
            let differing = zip(outbox, grdb).flatMap { pair in
                columns.sorted().filter { pair.0[$0] as DatabaseValue != pair.1[$0] as DatabaseValue }
            }
            return (outbox.count, columns.count, differing + zip(outbox, mails).compactMap { $0.0["id"] == $0.1.id.rawValue ? nil : "id" })
        }
        // Then every mail is a row, in order, and the rows agree with GRDB's on every column but their keys
        #expect(written == 11)
        #expect(compared > 10)
        #expect(differing == [])
    }

    /// A new registration's row skips GRDB's `Codable` insert for one cached statement too.
    @Test("a new registration row is written as GRDB's own insert of the same record writes it")
    func registrationRowAsGRDBWrites() async throws {
        // Given a stakeholder, an event, and a registration of it with two participants and a reason
        let repositories = store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        let input = StakeholderInput(name: "Registered", kind: .ngo, country: "KE", contactName: "C", contactEmail: "c@example.org", codeOfConductAccepted: true)
        let stakeholder = try await repositories.stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        let fields: [String: JSONValue] = ["title": .string("CCPCJ"), "kind": .string("ccpcj_session"), "starts_on": .string("2027-05-19"), "ends_on": .string("2027-05-23")]
        let event = try await repositories.events.create(try EventInput.parse(.object(fields), mode: .create), actor: "test", now: now)
        var registration = EventRegistration(
            eventID: event.id, stakeholderID: stakeholder.id,
            participants: [Participant(name: "Amina Okafor", email: "amina@example.org"), Participant(name: "Jun Li", email: "jun@example.org")],
            createdBy: "test", createdAt: now, updatedAt: now.addingTimeInterval(1))
        registration.statusReason = "reason « ü »"
        let record = EventRegistrationRecord(registration, seq: nil)

        // When GRDB's Codable insert writes it, and then (that row gone) the repository's statement
        let (compared, differing) = try await store.database.writer.write { db -> (Int, [String]) in
            try record.insert(db)
            let codable = try #require(try Row.fetchOne(db, sql: "SELECT * FROM event_registration WHERE id = ?", arguments: [record.id]))
            try db.execute(sql: "DELETE FROM event_registration WHERE id = ?", arguments: [record.id])
            try GRDBEventRegistrationRepository.insert(record, in: db)
            let fast = try #require(try Row.fetchOne(db, sql: "SELECT * FROM event_registration WHERE id = ?", arguments: [record.id]))
            let columns = Set(fast.columnNames).subtracting(["seq"])
            return (columns.count, columns.sorted().filter { fast[$0] as DatabaseValue != codable[$0] as DatabaseValue })
        }

        // Then the two rows agree on every column but their sequence number
        #expect(compared > 9)
        #expect(differing == [])
    }

    /// Migration "2026-12-04 event date order holds the end date": a list from a day passes over the
    /// events that ended before it in the index, not by reading each one's row from the table.
    @Test("a page of events from a day is read in the date index, which holds the end date")
    func eventsFromADayReadTheCoveringIndex() async throws {
        // Given the statement the event list runs for `?from=2026-01-01`, as SQLite was given it
        let statements = Mutex<[String]>([])
        let filter = EventFilter(from: LocalDate(iso: "2026-01-01"))
        try await store.database.writer.read { db in
            db.trace { event in
                if case .statement(let statement) = event { statements.withLock { $0.append(statement.sql) } }
            }
            _ = try EventQuery(filter: filter, after: nil, limit: 51).fetch(db)
            db.trace(options: [], nil)
        }
        let sql = try #require(statements.withLock { $0 }.last { $0.contains("FROM event e") })

        // When SQLite plans it, and lists the date index's columns
        let (plan, columns) = try await store.database.writer.read { db in
            (try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["2026-01-01", 51]).map { $0["detail"] as String },
             try Row.fetchAll(db, sql: "PRAGMA index_xinfo('event_by_date')").filter { ($0["key"] as Int) == 1 }.map { $0["name"] as String? })
        }

        // Then it scans event_by_date in order (no sort), and the index's last key column is the end date
        #expect(plan.contains { $0.contains("USING INDEX event_by_date") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(columns == [nil, "seq", "ends_on"])
    }

    /// A registration's check for an open one of the same organisation is one probe of the partial unique
    /// index `event_registration_open`, which holds exactly the open registrations.
    @Test("the check for an open registration is answered from the index of open registrations")
    func openRegistrationCheckUsesItsIndex() async throws {
        // When SQLite plans the statement the repository runs
        let plan = try await store.database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + GRDBEventRegistrationRepository.openRegistrationSQL, arguments: ["evt", "stk"])
                .map { $0["detail"] as String }
        }

        // Then it searches event_registration_open on both columns
        #expect(plan == ["SEARCH event_registration USING INDEX event_registration_open (event_id=? AND stakeholder_id=?)"], "\(plan)")
    }

    // MARK: Checks as comparisons

    @Test("a check that is one column's IN list of three or more constants becomes comparisons; others stay")
    func checkListsRewritten() {
        let definition = "CREATE TABLE t (a TEXT CHECK (status IN ('x', 'y', 'z')), b INTEGER CHECK (n IN (0, 1)), c TEXT CHECK (kind IN ('p','q','r')), "
            + "d CHECK (v IN (-1, 0, 1)), e CHECK (a + b IN (1, 2, 3)), f CHECK (x NOT IN ('a', 'b', 'c')))"
        #expect(CheckComparisons.comparisons(in: definition) == "CREATE TABLE t (a TEXT CHECK (status = 'x' OR status = 'y' OR status = 'z'), "
            + "b INTEGER CHECK (n IN (0, 1)), c TEXT CHECK (kind = 'p' OR kind = 'q' OR kind = 'r'), d CHECK (v = -1 OR v = 0 OR v = 1), "
            + "e CHECK (a + b IN (1, 2, 3)), f CHECK (x NOT IN ('a', 'b', 'c')))")
    }

    @Test("a rebuilt table keeps its rows, indexes, triggers, statistics and counter, and its checks still refuse")
    func checkRewriteKeepsTheTable() throws {
        // Given a table with an IN check, an index, a trigger, statistics, and its last row deleted (counter 3, largest row 2)
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL CHECK (status IN ('a', 'b', 'c')), note TEXT);
                CREATE INDEX t_by_status ON t(status) WHERE status IN ('a', 'b');
                CREATE TABLE tally (n INTEGER NOT NULL);
                INSERT INTO tally VALUES (0);
                CREATE TRIGGER t_count AFTER INSERT ON t BEGIN UPDATE tally SET n = n + 1; END;
                INSERT INTO t (status, note) VALUES ('a', 'one'), ('b', 'two'), ('c', 'three');
                DELETE FROM t WHERE seq = 3;
                ANALYZE;
                """)
        }
        let statisticsBefore = try db.read { try Row.fetchAll($0, sql: "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 't' ORDER BY idx") }

        // When it is rewritten with foreign keys on, it is refused; with them off (as the migrator runs), it is rebuilt
        #expect(throws: DatabaseError.self) { try db.write { try CheckComparisons.rewrite("t", in: $0) } }
        try Self.withoutForeignKeys(db) { try CheckComparisons.rewrite("t", in: $0) }

        // Then its rows, index, trigger and statistics are there, and its definition compares
        try db.write { db in
            #expect(try Row.fetchAll(db, sql: "SELECT seq, status, note FROM t ORDER BY seq") == [["seq": 1, "status": "a", "note": "one"], ["seq": 2, "status": "b", "note": "two"]])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 't' AND type IN ('index', 'trigger') ORDER BY name") == ["t_by_status", "t_count"])
            #expect(try Row.fetchAll(db, sql: "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 't' ORDER BY idx") == statisticsBefore)
            let definition = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 't'"))
            #expect(definition.contains("CHECK (status = 'a' OR status = 'b' OR status = 'c')"), "\(definition)")
            // A new row takes 4, not 3 again; the trigger still counts; a status outside the list is refused
            try db.execute(sql: "INSERT INTO t (status) VALUES ('c')")
            #expect(try Int.fetchOne(db, sql: "SELECT max(seq) FROM t") == 4)
            #expect(try Int.fetchOne(db, sql: "SELECT n FROM tally") == 4)
            #expect(throws: DatabaseError.self) { try db.execute(sql: "INSERT INTO t (status) VALUES ('d')") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 3)
        }
        // And a second rewrite finds the renamed (quoted) definition, with nothing left to change
        try Self.withoutForeignKeys(db) { try CheckComparisons.rewrite("t", in: $0) }
    }

    /// The migration itself, on a database that holds rows in the rebuilt tables and in their children
    /// (registration history and mail attempts are deleted with their parent row when foreign keys act).
    @Test("the migration keeps every registration, mail and change-log row, their children, and the counters")
    func checkMigrationKeepsData() throws {
        // Given a database at the migration before, with a registration (a second one deleted: counter 2),
        // its history entry, a mail with an attempt, and a change-log entry
        let db = try DatabaseQueue()
        try Migrations.migrator.migrate(db, upTo: "2026-12-04 event date order holds the end date")
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO stakeholder (id, name, kind, country, ecosoc_status, contact_name, contact_email, status, access_token_hash,
                                         code_of_conduct_accepted_at, created_at, updated_at)
                VALUES ('stk_1', 'Org', 'ngo', 'KE', 'none', 'C', 'c@example.org', 'approved', 'hash', '2026-01-01', '2026-01-01', '2026-01-01');
                INSERT INTO event (id, title, kind, status, created_at, updated_at) VALUES ('evt_1', 'CCPCJ', 'ccpcj_session', 'scheduled', '2026-01-01', '2026-01-01');
                INSERT INTO event_registration (id, event_id, stakeholder_id, participants, status, created_by, created_at, updated_at)
                VALUES ('reg_1', 'evt_1', 'stk_1', '[]', 'pending', 'test', '2026-01-01', '2026-01-01'),
                       ('reg_2', 'evt_1', 'stk_1', '[]', 'withdrawn', 'test', '2026-01-01', '2026-01-01');
                DELETE FROM event_registration WHERE id = 'reg_2';
                INSERT INTO event_registration_history (id, registration_id, action, actor, at) VALUES ('hst_1', 'reg_1', 'created', 'test', '2026-01-01');
                INSERT INTO mail_delivery (id, message_id, type, stakeholder_id, role, recipient_name, recipient_email, language, context, status, created_at, updated_at)
                VALUES ('mail_1', 'msg_1', 'event_registration.created', 'stk_1', 'contact', 'C', 'c@example.org', 'fr', '{}', 'pending', '2026-01-01', '2026-01-01');
                INSERT INTO mail_attempt (delivery_id, at, duration_ms) VALUES ('mail_1', '2026-01-01', 5);
                INSERT INTO change_log (resource_type, resource_id, kind, notification_type, public, at)
                VALUES ('event_registration', 'reg_1', 'created', 'event_registration.created', 0, '2026-01-01');
                """)
        }

        // When the remaining migrations run
        try Migrations.migrator.migrate(db)

        // Then every row is there, children included, the keys hold, and the counters did not go back
        try db.write { db in
            for (table, count) in [("event_registration", 1), ("event_registration_history", 1), ("mail_delivery", 1), ("mail_attempt", 1), ("change_log", 1)] {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == count, "\(table)")
            }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'event_registration'") == 2)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event_registration' ORDER BY name")
                == ["event_registration_stamp_delete", "event_registration_stamp_insert", "event_registration_stamp_update"])
            // And a registration is still refused an unknown status, and deleting it still takes its history along
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO event_registration (id, event_id, stakeholder_id, participants, status, created_by, created_at, updated_at) VALUES ('reg_3', 'evt_1', 'stk_1', '[]', 'lost', 'test', '2026-01-01', '2026-01-01')")
            }
            try db.execute(sql: "DELETE FROM event_registration WHERE id = 'reg_1'")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM event_registration_history") == 0)
        }
    }

    /// Runs `work` in a transaction with foreign keys off, as GRDB's migrator runs a migration.
    private static func withoutForeignKeys(_ db: DatabaseQueue, _ work: (Database) throws -> Void) throws {
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                try work(db)
                return .commit
            }
        }
    }

    @Test("the registration path's inserts build no temporary b-tree for their checks")
    func registrationPathInsertsCompare() async throws {
        // When SQLite compiles an insert into each table a registration writes
        let ephemeral = try await store.database.writer.read { db in
            try ["event_registration", "mail_delivery", "change_log"].map { table in
                (table, try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO \(table) DEFAULT VALUES").filter { ($0["opcode"] as String) == "OpenEphemeral" }.count)
            }
        }

        // Then none of them opens an ephemeral table
        #expect(ephemeral.map(\.1) == [0, 0, 0], "\(ephemeral)")
    }
}
