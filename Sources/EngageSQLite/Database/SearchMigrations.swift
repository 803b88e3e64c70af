import EngageDomain
import Foundation
import GRDB

/// Full-text search over folded text (`SearchText`): the FTS5 tables index the `search_*` columns
/// the records write (`SearchIndexed`), no longer the raw texts.
enum SearchMigrations {
    /// A searchable table: its FTS5 index, and for each weight class the raw column it was made from
    /// and the folded column that now holds it, heaviest first, with the bm25 weight.
    struct Table {
        let name: String
        let index: String
        let columns: [(source: String, search: String, weight: Double)]

        var searchColumns: [String] { columns.map(\.search) }
    }

    // Fixed for this migration: the same names and weights as the indexes it replaces.
    static let tables = [
        Table(name: "stakeholder", index: "stakeholder_fts", columns: [
            ("name", "search_name", 10), ("acronym", "search_acronym", 5), ("description", "search_description", 1),
        ]),
        Table(name: "event", index: "event_fts", columns: [
            ("title", "search_title", 10), ("description", "search_description", 1),
        ]),
        Table(name: "resource", index: "resource_fts", columns: [
            ("title", "search_title", 10), ("summary", "search_summary", 2), ("publisher", "search_publisher", 1),
        ]),
    ]

    /// "2026-12-01 multilingual search": adds the `search_*` columns, fills them from each row's texts,
    /// and rebuilds each FTS5 index over them. The tokenizer keeps marks inside words (`M*`), as
    /// PostgreSQL's parser does, so a Devanagari or Thai word is one token on both stores.
    static func foldSearchColumns(_ db: Database) throws {
        for table in tables {
            for column in table.searchColumns {
                try db.execute(sql: "ALTER TABLE \(table.name) ADD COLUMN \(column) TEXT NOT NULL DEFAULT ''")
            }
            for trigger in ["insert", "delete", "update"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(table.index)_\(trigger)")
            }
            try db.execute(sql: "DROP TABLE IF EXISTS \(table.index)")
            try refill(table, in: db)

            let columns = table.searchColumns.joined(separator: ", ")
            let new = table.searchColumns.map { "new.\($0)" }.joined(separator: ", ")
            let old = table.searchColumns.map { "old.\($0)" }.joined(separator: ", ")
            let weights = table.columns.map { String(format: "%.1f", $0.weight) }.joined(separator: ", ")
            try db.execute(sql: """
                CREATE VIRTUAL TABLE \(table.index) USING fts5(
                    \(columns),
                    content = '\(table.name)', content_rowid = 'seq',
                    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
                );
                INSERT INTO \(table.index)(\(table.index), rank) VALUES ('rank', 'bm25(\(weights))');
                INSERT INTO \(table.index)(\(table.index)) VALUES ('rebuild');
                CREATE TRIGGER \(table.index)_insert AFTER INSERT ON \(table.name) BEGIN
                    INSERT INTO \(table.index)(rowid, \(columns)) VALUES (new.seq, \(new));
                END;
                CREATE TRIGGER \(table.index)_delete AFTER DELETE ON \(table.name) BEGIN
                    INSERT INTO \(table.index)(\(table.index), rowid, \(columns)) VALUES ('delete', old.seq, \(old));
                END;
                CREATE TRIGGER \(table.index)_update AFTER UPDATE OF \(columns) ON \(table.name) BEGIN
                    INSERT INTO \(table.index)(\(table.index), rowid, \(columns)) VALUES ('delete', old.seq, \(old));
                    INSERT INTO \(table.index)(rowid, \(columns)) VALUES (new.seq, \(new));
                END;
                """)
        }
    }

    /// Writes every row's `search_*` columns from its raw texts, as `SearchText` folds them today (a
    /// later migration that changes the folding may call it again: the update triggers keep the index in step).
    static func refill(_ table: Table, in db: Database) throws {
        let sources = table.columns.map(\.source).joined(separator: ", ")
        let assignments = table.searchColumns.map { "\($0) = ?" }.joined(separator: ", ")
        let update = try db.makeStatement(sql: "UPDATE \(table.name) SET \(assignments) WHERE seq = ?")
        for row in try Row.fetchAll(db, sql: "SELECT seq, \(sources) FROM \(table.name)") {
            var arguments: [(any DatabaseValueConvertible)?] = table.columns.map { column in
                let text: String? = row[column.source]
                return SearchText.index(text.map { [$0] } ?? [])
            }
            arguments.append(row["seq"] as Int64)
            try update.execute(arguments: StatementArguments(arguments))
        }
    }
}
