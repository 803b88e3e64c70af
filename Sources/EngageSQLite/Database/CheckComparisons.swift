import Foundation
import GRDB

/// Rewrites a table's `CHECK (column IN ('a', 'b', 'c'))` constraints as `(column = 'a' OR column = 'b' OR …)`.
///
/// SQLite evaluates a constant `IN` list of three or more values by building a temporary b-tree of the
/// values, every time a statement checks a row: for a registration, six such b-trees were opened, filled
/// and closed in its inserts (about 4 % of the writer's time). Comparisons joined by `OR` accept the same
/// values and reject the same others (NULL passes both, as a CHECK lets NULL pass).
///
/// SQLite cannot alter a constraint, so the table is rebuilt as its documentation describes
/// (<https://www.sqlite.org/lang_altertable.html#otheralter>): a copy made under the new definition,
/// the old table dropped, the copy renamed, the indexes and triggers made again. The migrator runs this
/// with foreign keys off and checks them before it commits. The AUTOINCREMENT counter and the planner's
/// statistics for the table are carried over: a sequence number is never given twice (the change feed's
/// cursors are sequence numbers).
enum CheckComparisons {
    /// Rebuilds `table` with its `IN` lists written as comparisons; nothing happens when it has none.
    /// Refuses to run with foreign keys on: dropping the old table would then delete its children's rows
    /// (registration history and mail attempts cascade). The migrator turns them off for a migration.
    static func rewrite(_ table: String, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == false else {
            throw DatabaseError(message: "rebuilding \(table) needs foreign keys off, or its children's rows would be deleted")
        }
        guard let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) else {
            throw DatabaseError(message: "no table \(table) to rewrite")
        }
        let rewritten = comparisons(in: definition)
        guard rewritten != definition else { return }
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """, arguments: [table])
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
        let hasStatistics = try db.tableExists("sqlite_stat1")
        let statistics = hasStatistics ? try Row.fetchAll(db, sql: "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?", arguments: [table]) : []

        let copy = table + "_rewritten"
        try db.execute(sql: try rename(definition: rewritten, from: table, to: copy))
        try db.execute(sql: "INSERT INTO \(copy) SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(copy) RENAME TO \(table)")
        for statement in dependents { try db.execute(sql: statement) }
        if let sequence {
            // The copy's counter is its largest row; the old one may have been past it (rows deleted from the end).
            let copied = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table])
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, max(sequence, copied)])
        }
        for row in statistics {
            try db.execute(sql: "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", arguments: [table, row["idx"] as String?, row["stat"] as String])
        }
        // The connection loaded the statistics when the rename reloaded the schema, before they were back.
        if !statistics.isEmpty { try db.execute(sql: "ANALYZE sqlite_schema") }
    }

    /// `definition` with every `CHECK (column IN (v1, v2, v3, …))` of three or more constant values written
    /// as `CHECK (column = v1 OR column = v2 OR …)`; lists of one or two are left as SQLite already compares
    /// them, and so is any check that is not exactly one column's IN list.
    static func comparisons(in definition: String) -> String {
        let list = /CHECK \((?<column>[A-Za-z_][A-Za-z0-9_]*) IN \((?<values>(?:'[^']*'|-?[0-9]+)(?:, ?(?:'[^']*'|-?[0-9]+)){2,})\)\)/
        return definition.replacing(list) { match in
            let column = String(match.output.column)
            let values = match.output.values.matches(of: /'[^']*'|-?[0-9]+/).map { String($0.output) }
            return "CHECK (" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
        }
    }

    /// The `CREATE TABLE` statement under another name (SQLite quotes the name of a table it renamed).
    private static func rename(definition: String, from table: String, to copy: String) throws -> String {
        for head in ["CREATE TABLE \(table) (", "CREATE TABLE \"\(table)\" ("] where definition.hasPrefix(head) {
            return "CREATE TABLE \(copy) (" + definition.dropFirst(head.count)
        }
        throw DatabaseError(message: "unexpected definition of \(table)")
    }
}
