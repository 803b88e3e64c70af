import EngageCore
import EngageDomain
@testable import EngagePostgres
import EngageRecords
import EngageSQLite
import EngageTestSupport
import Foundation
import GRDB
import Testing

/// The stakeholder and event rows are read column by column on both stores (the list paths' speed),
/// not through `Decodable`. A column those readers forget would read as nil or its default, silently.
/// So each record is written through its `Encodable` columns with every field set, read back through
/// the store's own reader, and compared whole; and the sample must set every field, so a field added
/// to a record fails here until the sample, and then the readers, carry it.
@Suite("Hand-written row readers read every column, on the test store")
struct RecordReaderTests {
    private static let at = Date(timeIntervalSince1970: 1_800_000_000)

    // MARK: Samples

    private static let stakeholder = StakeholderRecord(
        id: "stk_reader0000000000000000", name: "Reader Org", acronym: "RO", kind: "network", country: "KE", region: "africa",
        website: "https://reader.example.org", description: "Reads rows", ecosocStatus: "special", contactName: "Contact",
        contactEmail: "contact@example.org", contactPhone: "+254 20 000", status: "suspended", statusReason: "a reason",
        accessTokenHash: "hash-reader", codeOfConductAcceptedAt: at, createdAt: at.addingTimeInterval(1), updatedAt: at.addingTimeInterval(2),
        version: 3, pendingChanges: #"{"fields":{}}"#, submissions: 2, possibleDuplicateOf: #"["stk_other"]"#,
        publicContact: #"{"email":"public@example.org"}"#)

    private static func event(project: String) -> EventRecord {
        EventRecord(
            id: "evt_reader0000000000000000", title: "Reader session", kind: "working_group", sessionNumber: 4, description: "About rows",
            startsOn: "2027-06-01", endsOn: "2027-06-03", timezone: "Europe/Vienna", format: "hybrid", venue: "VIC", city: "Vienna",
            country: "AT", onlineUrl: "https://meet.example.org", parentEventId: "evt_reader0000000000000000", projectId: project,
            region: "western_europe_others", topics: #"["cybercrime"]"#, status: "postponed", statusReason: "a reason",
            registrationOpensAt: at, registrationClosesAt: at.addingTimeInterval(10), registrationMaxParticipants: 5,
            registrationOpenWhilePostponed: true, applicationsOpensAt: at.addingTimeInterval(20), applicationsClosesAt: at.addingTimeInterval(30),
            applicationsMaxPerOrganizer: 2, createdAt: at.addingTimeInterval(40), updatedAt: at.addingTimeInterval(50), version: 6,
            translations: #"{"texts":{"title":{"fr":"Séance"}}}"#)
    }

    /// The labels of the optional properties that are nil (`seq` aside: the database assigns it).
    private static func unset(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { child in
            let mirror = Mirror(reflecting: child.value)
            return mirror.displayStyle == .optional && mirror.children.isEmpty && child.label != "seq" ? child.label : nil
        }
    }

    /// A record as JSON with sorted keys, `seq` left out: what "the same record" means here.
    private static func json(_ record: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        var object = try JSONSerialization.jsonObject(with: encoder.encode(record)) as? [String: Any] ?? [:]
        object["seq"] = nil
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }

    // MARK: Tests

    @Test("the samples set every field")
    func samplesAreComplete() {
        #expect(Self.unset(Self.stakeholder) == [])
        #expect(Self.unset(Self.event(project: "prj_x")) == [])
    }

    @Test("a stakeholder row reads back whole")
    func stakeholderReadsWhole() async throws {
        let testStore = try await TestStore.make()
        let read: StakeholderRecord?
        switch testStore.store {
        case let sqlite as SQLiteStore:
            read = try await sqlite.database.writer.write { db in
                try Self.stakeholder.insert(db)
                return try Row.fetchOne(db, sql: "SELECT * FROM stakeholder WHERE id = ?", arguments: [Self.stakeholder.id]).map(StakeholderRecord.init(row:))
            }
        case let postgres as PostgresStore:
            read = try await postgres.database.write { db in try await Self.stakeholder.insert(in: db) }
        default:
            Issue.record("an unknown store")
            read = nil
        }
        await testStore.close()
        #expect(try Self.json(try #require(read)) == Self.json(Self.stakeholder))
    }

    @Test("an event row reads back whole")
    func eventReadsWhole() async throws {
        let testStore = try await TestStore.make()
        let projects = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret())).projects
        let project = try await projects.create(try ProjectInput.parse(.object(["title": .string("Reader project")]), creating: true), now: Self.at)
        let sample = Self.event(project: project.id.rawValue)
        let read: EventRecord?
        switch testStore.store {
        case let sqlite as SQLiteStore:
            read = try await sqlite.database.writer.write { db in
                try sample.insert(db)
                return try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [sample.id]).map(EventRecord.init(row:))
            }
        case let postgres as PostgresStore:
            read = try await postgres.database.write { db in try await sample.insert(in: db) }
        default:
            Issue.record("an unknown store")
            read = nil
        }
        await testStore.close()
        #expect(try Self.json(try #require(read)) == Self.json(sample))
    }
}
