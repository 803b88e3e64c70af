import EngageCore
import EngageDomain
@testable import EngagePostgres
import EngageRecords
import EngageSQLite
import EngageTestSupport
import Foundation
import GRDB
import Testing

/// The stakeholder, event and webhook endpoint rows are read column by column on both stores (the list paths' speed),
/// not through `Decodable`: one field list per record (`init(columns:)`), adapted to each store's rows. A column those readers forget would read as nil or its default, silently.
/// So each record is written through its `Encodable` columns with every field set, read back through
/// the store's own reader, and compared whole. The sample must set every field to something other than
/// what a record made with only the initialiser's required arguments holds (nil, or a default), so a
/// field added to a record fails here until the sample, and then the readers, carry it.
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

    /// A stakeholder with only the initialiser's required arguments, each unlike the sample's.
    private static let bareStakeholder = StakeholderRecord(
        id: "stk_bare", name: "Bare", acronym: nil, kind: "ngo", country: "AT", region: nil, website: nil, description: nil,
        ecosocStatus: "none", contactName: "B", contactEmail: "b@example.org", contactPhone: nil, status: "pending", statusReason: nil,
        accessTokenHash: "hash-bare", codeOfConductAcceptedAt: at.addingTimeInterval(-1), createdAt: at.addingTimeInterval(-2),
        updatedAt: at.addingTimeInterval(-3), version: 1)

    private static let parentID = "evt_readerparent000000000"

    private static func event(project: String) -> EventRecord {
        EventRecord(
            id: "evt_reader0000000000000000", title: "Reader session", kind: "working_group", sessionNumber: 4, description: "About rows",
            startsOn: "2027-06-01", endsOn: "2027-06-03", timezone: "Europe/Vienna", format: "hybrid", venue: "VIC", city: "Vienna",
            country: "AT", onlineUrl: "https://meet.example.org", parentEventId: parentID, projectId: project,
            region: "western_europe_others", topics: #"["cybercrime"]"#, status: "postponed", statusReason: "a reason",
            registrationOpensAt: at, registrationClosesAt: at.addingTimeInterval(10), registrationMaxParticipants: 5,
            registrationOpenWhilePostponed: true, applicationsOpensAt: at.addingTimeInterval(20), applicationsClosesAt: at.addingTimeInterval(30),
            applicationsMaxPerOrganizer: 2, createdAt: at.addingTimeInterval(40), updatedAt: at.addingTimeInterval(50), version: 6,
            translations: #"{"texts":{"title":{"fr":"Séance"}}}"#)
    }

    /// An event with only the initialiser's required arguments, each unlike the sample's.
    private static let bareEvent = EventRecord(
        id: parentID, title: "Parent", kind: "ccpcj_session", sessionNumber: nil, description: nil, startsOn: nil, endsOn: nil, timezone: nil,
        format: nil, venue: nil, city: nil, country: nil, onlineUrl: nil, parentEventId: nil, projectId: nil, region: nil, topics: "[]",
        status: "scheduled", statusReason: nil, registrationOpensAt: nil, registrationClosesAt: nil, registrationMaxParticipants: nil,
        applicationsOpensAt: nil, applicationsClosesAt: nil, applicationsMaxPerOrganizer: nil, createdAt: at.addingTimeInterval(-1),
        updatedAt: at.addingTimeInterval(-2), version: 1)

    private static let endpoint = WebhookEndpointRecord(
        seq: nil, id: "whe_reader000000000000000", url: "https://hooks.example.org/in", description: "Reads rows",
        eventTypes: #"["stakeholder.approved"]"#, ownerStakeholderId: stakeholder.id, secretSealed: Data([1, 2, 3]),
        previousSecretSealed: Data([4, 5]), previousSecretExpiresAt: at.addingTimeInterval(60), enabled: false,
        disabledReason: "a reason", needsRotation: true, failingSince: at.addingTimeInterval(70), lastSuccessAt: at.addingTimeInterval(80),
        createdBy: "staff", createdAt: at.addingTimeInterval(90), updatedAt: at.addingTimeInterval(100), version: 4)

    /// An endpoint with every optional field nil and every flag the other way.
    private static let bareEndpoint = WebhookEndpointRecord(
        seq: nil, id: "whe_bare", url: "https://bare.example.org", description: nil, eventTypes: "[]", ownerStakeholderId: nil,
        secretSealed: Data([9]), previousSecretSealed: nil, previousSecretExpiresAt: nil, enabled: true, disabledReason: nil,
        needsRotation: false, failingSince: nil, lastSuccessAt: nil, createdBy: "admin", createdAt: at, updatedAt: at, version: 1)

    /// The fields (`seq` aside: the database assigns it) that `sample` leaves nil or sets to the value `bare` holds.
    private static func unset(_ sample: some Encodable, bare: some Encodable) throws -> [String] {
        let nils = Mirror(reflecting: sample).children.compactMap { child -> String? in
            let mirror = Mirror(reflecting: child.value)
            return mirror.displayStyle == .optional && mirror.children.isEmpty && child.label != "seq" ? child.label : nil
        }
        let (given, plain) = (try fields(sample), try fields(bare))
        return Set(nils).union(Set(given.keys).union(plain.keys).filter { given[$0] == plain[$0] }).sorted()
    }

    /// Each field of a record as JSON text, `seq` left out; a nil field is absent.
    private static func fields(_ record: some Encodable) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: encoder.encode(record)) as? [String: Any] ?? [:]
        var fields: [String: String] = [:]
        for (key, value) in object where key != "seq" {
            fields[key] = String(decoding: try JSONSerialization.data(withJSONObject: [value], options: .sortedKeys), as: UTF8.self)
        }
        return fields
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()


    // MARK: Tests

    @Test("the samples set every field")
    func samplesAreComplete() throws {
        #expect(try Self.unset(Self.stakeholder, bare: Self.bareStakeholder) == [])
        #expect(try Self.unset(Self.event(project: "prj_x"), bare: Self.bareEvent) == [])
        #expect(try Self.unset(Self.endpoint, bare: Self.bareEndpoint) == [])
    }

    @Test("a webhook endpoint row reads back whole, its sealed secrets byte for byte")
    func endpointReadsWhole() async throws {
        let testStore = try await TestStore.make()
        _ = try await Self.storedCopy(of: [Self.stakeholder], in: testStore)  // the owner
        let read = try await Self.storedCopy(of: [Self.bareEndpoint, Self.endpoint], in: testStore)
        await testStore.close()
        let stored = try #require(read)
        #expect(stored.seq != nil)
        #expect(try Self.fields(stored) == Self.fields(Self.endpoint))
    }

    @Test("a stakeholder row reads back whole")
    func stakeholderReadsWhole() async throws {
        let testStore = try await TestStore.make()
        let read = try await Self.storedCopy(of: [Self.stakeholder], in: testStore)
        await testStore.close()
        let stored = try #require(read)
        #expect(stored.seq != nil)
        #expect(try Self.fields(stored) == Self.fields(Self.stakeholder))
    }

    @Test("an event row reads back whole")
    func eventReadsWhole() async throws {
        let testStore = try await TestStore.make()
        let projects = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret())).projects
        let project = try await projects.create(try ProjectInput.parse(.object(["title": .string("Reader project")]), creating: true), now: Self.at)
        let sample = Self.event(project: project.id.rawValue)
        let read = try await Self.storedCopy(of: [Self.bareEvent, sample], in: testStore)
        await testStore.close()
        let stored = try #require(read)
        #expect(stored.seq != nil)
        #expect(try Self.fields(stored) == Self.fields(sample))
    }

    /// PostgreSQL's hot reads select `columnNames` (the reader's own list) instead of `*`: a column a
    /// migration adds must reach the reader, and so that list, or those reads would leave it out.
    @Test("the readers' column lists name every stored column but the search ones")
    func columnListsCoverTheTables() async throws {
        let testStore = try await TestStore.make()
        let stakeholder = try await Self.storedColumns(of: "stakeholder", in: testStore)
        let event = try await Self.storedColumns(of: "event", in: testStore)
        await testStore.close()
        // The folded texts the search index reads, and PostgreSQL's generated vector: no reader reads them.
        let search: Set = ["search", "search_name", "search_acronym", "search_title", "search_description"]
        #expect(Set(StakeholderRecord.columnNames) == Set(stakeholder).subtracting(search))
        #expect(Set(EventRecord.columnNames) == Set(event).subtracting(search))
        #expect(Set(StakeholderRecord.columnNames).count == StakeholderRecord.columnNames.count)
        #expect(Set(EventRecord.columnNames).count == EventRecord.columnNames.count)
    }

    // MARK: Helpers

    /// The columns of `table` as the store holds them.
    private static func storedColumns(of table: String, in testStore: TestStore) async throws -> [String] {
        switch testStore.store {
        case let sqlite as SQLiteStore:
            return try await sqlite.database.writer.read { db in try db.columns(in: table).map(\.name) }
        case let postgres as PostgresStore:
            return try await postgres.database.read { db in
                try await db.raw("SELECT column_name FROM information_schema.columns WHERE table_name = \(bind: table)").all()
                    .map { try $0.decode(column: "column_name", as: String.self) }
            }
        default:
            Issue.record("an unknown store")
            return []
        }
    }

    /// Inserts `records` in order through their `Encodable` columns and reads the last one back
    /// through the store's own row reader (SQLite: `init(row:)`; PostgreSQL: `decode`, via `RETURNING *`).
    private static func storedCopy<Record: PersistableRecord & FetchableRecord & RecordTable>(
        of records: [Record], in testStore: TestStore
    ) async throws -> Record? {
        switch testStore.store {
        case let sqlite as SQLiteStore:
            return try await sqlite.database.writer.write { db in
                for record in records { try record.insert(db) }
                return try records.last.flatMap { last in
                    try Record.fetchOne(db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE id = ?", arguments: [last.id])
                }
            }
        case let postgres as PostgresStore:
            return try await postgres.database.write { db in
                var stored: Record?
                for record in records { stored = try await record.insert(in: db) }
                return stored
            }
        default:
            Issue.record("an unknown store")
            return nil
        }
    }
}
