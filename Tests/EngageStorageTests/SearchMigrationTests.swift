import EngageCore
import EngageDomain
import EngageSQLite
import Foundation
import GRDB
import Testing

/// "2026-12-01 multilingual search" on a SQLite file that already holds rows: their texts are folded
/// into the new `search_*` columns and indexed. (The PostgreSQL fill is the same `SearchText` call.)
@Suite("Multilingual search migration on SQLite")
struct SearchMigrationTests {
    @Test("rows stored before the migration are folded and found afterwards")
    func upgradesExistingRows() throws {
        let queue = try DatabaseQueue()
        _ = try AppDatabase(queue)
        // Back to the schema before the migration: no search columns, FTS5 over the raw columns.
        try queue.write { db in
            for table in ["stakeholder", "event", "resource"] {
                for trigger in ["insert", "delete", "update"] { try db.execute(sql: "DROP TRIGGER \(table)_fts_\(trigger)") }
                try db.execute(sql: "DROP TABLE \(table)_fts")
            }
            for (table, columns) in [("stakeholder", ["search_name", "search_acronym", "search_description"]),
                                     ("event", ["search_title", "search_description"]),
                                     ("resource", ["search_title", "search_summary", "search_publisher"])] {
                for column in columns { try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(column)") }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '2026-12-01 multilingual search'")
            try db.execute(sql: """
                INSERT INTO stakeholder (id, name, acronym, kind, country, description, ecosoc_status, contact_name, contact_email,
                    status, access_token_hash, code_of_conduct_accepted_at, created_at, updated_at)
                VALUES ('stk_1', '中国反腐败研究中心', NULL, 'ngo', 'CN', 'Объединённый центр', 'none', 'C', 'c@example.org',
                    'approved', 'h1', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000'),
                    ('stk_2', 'الشبكة العربية لمكافحة الفساد', 'ANAC', 'ngo', 'JO', NULL, 'none', 'C', 'd@example.org',
                    'approved', 'h2', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                INSERT INTO event (id, title, kind, description, status, created_at, updated_at)
                VALUES ('evt_1', 'Réunion d''experts', 'other', '反腐败', 'scheduled', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                INSERT INTO resource (id, kind, title, summary, url, languages, topics, publisher, created_at, updated_at)
                VALUES ('res_1', 'guide', 'Guía práctica', NULL, 'https://example.org', '[]', '[]', 'ООН', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                """)
        }

        // When the store opens again, the migration runs
        _ = try AppDatabase(queue)

        try queue.read { db in
            #expect(try String.fetchOne(db, sql: "SELECT search_name FROM stakeholder WHERE id = 'stk_1'") == "中 国 反 腐 败 研 究 中 心")
            #expect(try String.fetchOne(db, sql: "SELECT search_description FROM stakeholder WHERE id = 'stk_1'") == "объединенный центр")
            #expect(try String.fetchOne(db, sql: "SELECT search_acronym FROM stakeholder WHERE id = 'stk_1'") == "")
            func matches(_ index: String, _ query: String) throws -> [Int64] {
                try Int64.fetchAll(db, sql: "SELECT rowid FROM \(index) WHERE \(index) MATCH ? ORDER BY rank", arguments: [query])
            }
            #expect(try matches("stakeholder_fts", "\"腐 败\"").count == 1)
            #expect(try matches("stakeholder_fts", "\"الشبكه\" \"لمكافحه\"").count == 1)
            #expect(try matches("stakeholder_fts", "\"anac\"").count == 1)
            #expect(try matches("event_fts", "\"reunion\"").count == 1)
            #expect(try matches("event_fts", "\"反 腐\"").count == 1)
            #expect(try matches("resource_fts", "\"guia\" \"оон\"").count == 1)
            // The index keeps its weights: a name counts ten times a description
            let rank = try String.fetchOne(db, sql: "SELECT v FROM stakeholder_fts_config WHERE k = 'rank'")
            #expect(rank == "bm25(10.0, 5.0, 1.0)")
        }

        // And writes keep the index in step, through the new triggers
        try queue.write { db in
            try db.execute(sql: "UPDATE stakeholder SET search_name = 'renamed' WHERE id = 'stk_1'")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM stakeholder_fts WHERE stakeholder_fts MATCH '\"腐 败\"'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM stakeholder_fts WHERE stakeholder_fts MATCH 'renamed'") == 1)
            try db.execute(sql: "INSERT INTO stakeholder_fts(stakeholder_fts) VALUES ('integrity-check')")
        }
    }
}
