import EngageCore
import EngageDomain
import EngageTestSupport
import Foundation
import Testing

@Suite("Stakeholder, API key and idempotency repositories on the test store")
final class StorageTests {
    let testStore: TestStore
    /// Plain SQL on the same database.
    var database: any TestRows { testStore.rows }
    let stakeholders: any StakeholderRepository
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    init() async throws {
        testStore = try await TestStore.make()
        let repositories = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret()))
        stakeholders = repositories.stakeholders
    }

    deinit {
        let store = testStore
        Task { await store.close() }
    }

    private func input(_ name: String, kind: StakeholderKind = .ngo, country: String = "KE", topics: [Topic] = [], description: String? = nil, memberOf: [StakeholderID]? = nil) -> StakeholderInput {
        StakeholderInput(name: name, kind: kind, country: country, description: description.map { .set($0) }, topics: topics,
                         contactName: "C", contactEmail: "c@example.org", memberOf: memberOf, codeOfConductAccepted: true)
    }

    @discardableResult
    private func register(_ input: StakeholderInput, approve: Bool = true) async throws -> Stakeholder {
        let stakeholder = try await stakeholders.register(input, accessTokenHash: Secret.hash(UUID().uuidString), actor: "test", now: now)
        guard approve else { return stakeholder }
        return try await stakeholders.decide(stakeholder.id, .approve, reason: nil, expectedVersion: nil, actor: "test", now: now)
    }

    @Test("migrations are named and applied once")
    func migrations() async throws {
        let applied = try await testStore.store.appliedMigrations()
        let common = ["2026-11-29 api keys", "2026-11-29 event participation", "2026-11-29 events", "2026-11-29 idempotency keys",
                      "2026-11-29 programme", "2026-11-29 stakeholders", "2026-11-29 webhooks", "2026-11-30 webhook claim owners",
                      "2026-11-30 workshop website", "2026-11-30 webhook secrets needing rotation", "2026-11-30 stakeholder pending changes", "2026-11-30 co-organiser consent", "2026-11-30 enrolment status reason", "2026-11-30 registration open while postponed", "2026-11-30 stakeholder submissions", "2026-11-30 possible duplicates", "2026-12-01 mail", "2026-12-01 announcements", "2026-12-01 window notices", "2026-12-01 translations", "2026-12-01 multilingual search", "2026-12-01 enrolment gender", "2026-12-01 statistics stamp", "2026-12-01 contact points", "2026-12-01 stakeholder public contact", "2026-12-01 participation history", "2026-12-01 stakeholder merges", "2026-12-01 workshop feedback", "2026-12-01 change feed", "2026-12-02 event region and topics", "2026-12-02 webhook deliveries due by endpoint"]
        // PostgreSQL shares the rate-limit buckets of its instances in a table of its own, and its date
        // indexes had to follow the lists' collation. SQLite's event date index holds the end date (PostgreSQL
        // checks a row's other columns in the table whatever its index holds), and its checks on the
        // registration path compare instead of building a b-tree of an IN list (PostgreSQL's do not).
        let postgresOnly = ["2026-11-30 rate limit buckets", "2026-12-02 date orders in C collation"]
        let sqliteOnly = ["2026-12-04 event date order holds the end date", "2026-12-04 checks of the registration path as comparisons"]
        let expected = TestStore.kind == .postgresql ? common + postgresOnly : common + sqliteOnly
        #expect(applied.sorted() == expected.sorted())
        #expect(applied.allSatisfy { $0.hasPrefix("2026-") })
        // In the order they were applied (those of one run share a time), so the last is the schema's version.
        #expect(applied.last == (TestStore.kind == .postgresql ? "2026-12-02 date orders in C collation" : "2026-12-04 checks of the registration path as comparisons"))
    }

    @Test("register stores topics, memberships and a history entry")
    func registerStoresEverything() async throws {
        let network = try await register(input("Alliance", kind: .network))
        let member = try await register(input("Member", topics: [.firearms, .cybercrime], memberOf: [network.id]))
        let found = try #require(try await stakeholders.find(member.id))
        #expect(Set(found.topics) == [.firearms, .cybercrime])
        #expect(found.memberOf == [network.id])
        #expect(found.version == 2)
        let history = try await stakeholders.history(of: member.id, page: PageRequest())
        #expect(history.items.map(\.action) == [.registered, .approved])
    }

    @Test("a stale expected version is a precondition failure and writes nothing")
    func staleVersion() async throws {
        let org = try await register(input("Org"))
        await #expect(throws: DomainError.preconditionFailed) {
            _ = try await stakeholders.update(org.id, with: StakeholderInput(name: "X"), expectedVersion: 1, actor: "t", now: now)
        }
        #expect(try await stakeholders.find(org.id)?.name == "Org")
        let updated = try await stakeholders.update(org.id, with: StakeholderInput(name: "Y"), expectedVersion: org.version, actor: "t", now: now)
        #expect(updated.name == "Y" && updated.version == org.version + 1)
    }

    @Test("a network with members cannot stop being a network")
    func networkKind() async throws {
        let network = try await register(input("Alliance", kind: .network))
        try await register(input("Member", memberOf: [network.id]))
        await #expect(throws: DomainError.self) {
            _ = try await stakeholders.update(network.id, with: StakeholderInput(kind: .ngo), expectedVersion: nil, actor: "t", now: now)
        }
        #expect(try await stakeholders.find(network.id)?.kind == .network)
    }

    @Test("an illegal transition is a conflict")
    func illegalTransition() async throws {
        let org = try await register(input("Org"), approve: false)
        _ = try await stakeholders.decide(org.id, .reject, reason: "no", expectedVersion: nil, actor: "t", now: now)
        await #expect(throws: DomainError.conflict("a rejected registration cannot be approved")) {
            _ = try await stakeholders.decide(org.id, .approve, reason: nil, expectedVersion: nil, actor: "t", now: now)
        }
    }

    @Test("full-text search ranks name matches above description matches, and keeps the index in step with updates")
    func fullText() async throws {
        let inDescription = try await register(input("Coastal Watch", description: "reports wildlife trafficking"))
        let inName = try await register(input("Wildlife Guardians"))
        var results = try await stakeholders.list(StakeholderFilter(query: "wildlife"), page: PageRequest())
        #expect(results.items.map(\.id) == [inName.id, inDescription.id])
        _ = try await stakeholders.update(inName.id, with: StakeholderInput(name: "Forest Guardians"), expectedVersion: nil, actor: "t", now: now)
        results = try await stakeholders.list(StakeholderFilter(query: "wildlife"), page: PageRequest())
        #expect(results.items.map(\.id) == [inDescription.id])
    }

    @Test("ranked search pages with cursors without duplicates")
    func rankedPaging() async throws {
        for index in 0..<7 { try await register(input("Trafficking Org \(index)", description: String(repeating: "trafficking ", count: index % 3 + 1))) }
        var seen: [StakeholderID] = []
        var cursor: PageCursor?
        repeat {
            let page = try await stakeholders.list(StakeholderFilter(query: "trafficking"), page: PageRequest(limit: 3, after: cursor))
            seen += page.items.map(\.id)
            cursor = page.next
        } while cursor != nil && seen.count <= 7
        #expect(seen.count == 7)
        #expect(Set(seen).count == 7)
    }

    @Test("filters combine")
    func filters() async throws {
        let kenyanCyber = try await register(input("A", country: "KE", topics: [.cybercrime]))
        try await register(input("B", country: "KE", topics: [.corruption]))
        try await register(input("C", country: "PE", topics: [.cybercrime]))
        try await register(input("D", country: "KE", topics: [.cybercrime]), approve: false)
        let page = try await stakeholders.list(StakeholderFilter(country: "KE", topic: .cybercrime, status: .approved), page: PageRequest())
        #expect(page.items.map(\.id) == [kenyanCyber.id])
        let africa = try await stakeholders.list(StakeholderFilter(region: .africa, status: .approved), page: PageRequest())
        #expect(africa.items.count == 2)
    }

    @Test("API keys: authenticate, revoke, ensure")
    func apiKeys() async throws {
        let keys = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret())).apiKeys
        let key = try await keys.create(name: "k", role: .staff, secretHash: "h1", hint: "ek_…", createdBy: "t", now: now)
        #expect(try await keys.authenticate(secretHash: "h1")?.role == .staff)
        _ = try await keys.revoke(key.id, now: now)
        #expect(try await keys.authenticate(secretHash: "h1") == nil)
        #expect(try await keys.hasActiveKey(role: .admin) == false)
        #expect(try await keys.ensure(name: "a", role: .admin, secretHash: "h2", hint: "ek_…", now: now) == .created)
        #expect(try await keys.ensure(name: "a", role: .admin, secretHash: "h2", hint: "ek_…", now: now) == .unchanged)
        #expect(try await keys.hasActiveKey(role: .admin))
        // The last active admin key cannot be revoked; once another exists, it can
        let configured = try #require(try await keys.list(page: PageRequest()).items.first { $0.role == .admin })
        await #expect(throws: DomainError.self) { _ = try await keys.revoke(configured.id, now: now) }
        _ = try await keys.create(name: "second", role: .admin, secretHash: "h3", hint: "ek_…", createdBy: "t", now: now)
        _ = try await keys.revoke(configured.id, now: now)
        #expect(try await keys.authenticate(secretHash: "h2") == nil)
        #expect(try await keys.ensure(name: "a", role: .admin, secretHash: "h2", hint: "ek_…", now: now) == .reinstated)
    }

    @Test("idempotency store: proceed, replay, mismatch, in progress, abandon")
    func idempotency() async throws {
        let store = testStore.store.repositories(renderer: IDRenderer(), seal: ResponseSeal(serverSecret: ResponseSeal.newServerSecret())).idempotency
        #expect(try await store.begin(caller: "c", key: "k", method: "POST", path: "/p", requestHash: "h", now: now) == .proceed)
        #expect(try await store.begin(caller: "c", key: "k", method: "POST", path: "/p", requestHash: "h", now: now) == .inProgress)
        let stored = StoredResponse(status: 201, headers: ["Location": "/p/1"], body: Data("{}".utf8))
        try await store.complete(caller: "c", key: "k", response: stored)
        #expect(try await store.begin(caller: "c", key: "k", method: "POST", path: "/p", requestHash: "h", now: now) == .replay(stored))
        #expect(try await store.begin(caller: "c", key: "k", method: "POST", path: "/p", requestHash: "other", now: now) == .mismatch)
        #expect(try await store.begin(caller: "other", key: "k", method: "POST", path: "/p", requestHash: "other", now: now) == .proceed)
        try await store.abandon(caller: "other", key: "k")
        #expect(try await store.begin(caller: "other", key: "k", method: "POST", path: "/p", requestHash: "x", now: now) == .proceed)
        // Kept at least 24 hours, then forgotten
        let later = now.addingTimeInterval(25 * 3600)
        #expect(try await store.begin(caller: "c", key: "k", method: "POST", path: "/p", requestHash: "other", now: later) == .proceed)
    }
}
