import EngageDomain
@testable import EngagePostgres
import EngageTestSupport
import Testing

/// The hot PostgreSQL reads bypass SQLKit's rows (`PostgresReader`, `PostgresRowColumns`); the list
/// and by-ID tests run them in select-list order with real binds. These are the paths those do not take.
@Suite("PostgreSQL's direct reader", .enabled(if: TestStore.kind == .postgresql, "PostgreSQL only: SQLite has no such reader"))
struct PostgresReaderTests {
    @Test("columns asked out of order are found by name; a missing column is an error, not a wrong cell")
    func outOfOrder() async throws {
        let testStore = try await TestStore.make()
        let postgres = try #require(testStore.store as? PostgresStore)
        try await postgres.database.reading { reader in
            let row = try #require(try await reader.rows("SELECT 1::int8 AS first, 'two' AS second, \(bind: "three") AS third").first)
            let columns = PostgresRowColumns(row)
            #expect(try columns.string("second") == "two")
            #expect(try columns.optionalInt64("first") == 1)
            #expect(try columns.string("third") == "three")
            #expect(throws: PostgresRowError.self) { try columns.string("fourth") }
        }
        await testStore.close()
    }

    @Test("nil binds NULL, a present optional binds its value, and a value PostgresNIO cannot encode is refused")
    func binds() async throws {
        let testStore = try await TestStore.make()
        let postgres = try #require(testStore.store as? PostgresStore)
        try await postgres.database.reading { reader in
            let row = try #require(try await reader.rows("""
                SELECT CAST(\(bind: String?.none) AS text) IS NULL AS missing, CAST(\(bind: Optional("kept")) AS text) AS present
                """).first)
            let columns = PostgresRowColumns(row)
            #expect(try columns.bool("missing"))
            #expect(try columns.string("present") == "kept")
            await #expect(throws: PostgresRowError.self) { try await reader.rows("SELECT \(bind: Topic.cybercrime) AS topic") }
        }
        await testStore.close()
    }
}
