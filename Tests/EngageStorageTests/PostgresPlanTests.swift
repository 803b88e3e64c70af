@testable import EngagePostgres
import EngageTestSupport
import PostgresKit
import Testing

/// The date lists order by `PostgresDateKeyset`'s expression under the byte-wise "C" collation; an
/// index on the same expression without that collation cannot serve the order, and every page then
/// sorted the whole table (migration "2026-12-02 date orders in C collation").
@Suite("PostgreSQL reads the date lists in index order", .enabled(if: TestStore.kind == .postgresql, "PostgreSQL only: its plans"))
struct PostgresPlanTests {
    @Test("a page of events or workshops by date is an index scan, with no sort", arguments: [("event", "e"), ("workshop", "w")])
    func dateOrderUsesTheIndex(table: String, alias: String) async throws {
        let testStore = try await TestStore.make()
        let postgres = try #require(testStore.store as? PostgresStore)
        let plan = try await postgres.database.read { db in
            // Empty tables are cheaper to scan than to read by index: ask for the plan the index allows.
            try await db.raw("SET enable_seqscan = off").run()
            let rows = try await db.raw("""
                EXPLAIN SELECT \(ident: alias).id FROM \(ident: table) \(ident: alias)
                ORDER BY \(PostgresDateKeyset.orderBy(alias, descending: false)) LIMIT 51
                """).all()
            try await db.raw("RESET enable_seqscan").run()
            return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
        await testStore.close()
        #expect(plan.contains("\(table)_by_date"), "\(plan)")
        #expect(!plan.contains("Sort"), "\(plan)")
    }
}
