import ArgumentParser
import EngagePostgres
import EngageSQLite
import Foundation
import GRDB
import Logging
import PostgresKit

/// `engage copy --from <sqlite file> --to <postgres url>`: moves a deployment from the embedded
/// store to PostgreSQL. The target is migrated first and must be empty; every row is copied in one
/// transaction, parents before children, with its `seq` (so cursors stay valid), and the sequences
/// are moved past the copied rows.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "copy", abstract: "Copy a SQLite database into an empty PostgreSQL database.")

    @Option(help: "The SQLite file to read (it is opened read-only in effect: nothing is written to it).")
    var from: String

    @Option(help: "The PostgreSQL database to fill: postgres://user:password@host:5432/database.")
    var to: String

    func run() async throws {
        PrivateFiles.restrict()
        guard FileManager.default.fileExists(atPath: from) else { throw Failure.exit("no SQLite file at \(from)") }
        let counts: [(String, Int)]
        do {
            let source = try AppDatabase.open(path: from)
            let target = try await PostgresStore.open(url: to, logger: Logger(label: "engage-copy"), maximumConnections: 2)
            defer { target.close() }
            let copy = StoreCopy(source: source, target: target.database)
            counts = try await copy.run()
            // The copy is committed: a failure from here on must not read as "nothing was written".
            do { try await copy.analyze() } catch {
                FileHandle.standardError.write(Data("copied, but ANALYZE failed (run it before serving): \(Failure.describe(error))\n".utf8))
            }
        } catch let error as StoreCopy.Refusal {
            throw Failure.exit(error.description)
        } catch {
            throw Failure.exit("copy failed, nothing was written: \(Failure.describe(error))")
        }
        for (table, count) in counts where count > 0 { print("\(table): \(count) rows") }
        print("copied \(counts.reduce(0) { $0 + $1.1 }) rows from \(from) to \(StoreOpener.describe(.postgresql(url: to)))")
    }
}

/// The copy itself: table order and column types come from PostgreSQL's catalog.
struct StoreCopy {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    let source: AppDatabase
    let target: EngagePostgres.PostgresDatabase

    /// Gathers the planner's statistics, so the first queries are planned for the copied data, not for
    /// empty tables (autovacuum would get there later).
    func analyze() async throws {
        try await target.read { db in try await db.raw("ANALYZE").run() }
    }

    /// Copies every table; returns the row count of each, in copy order.
    func run() async throws -> [(String, Int)] {
        try await target.write { db in
            try await db.raw("SET LOCAL TIME ZONE 'UTC'").run()
            let tables = try await Self.tablesInDependencyOrder(db)
            for table in tables {
                let rows = try await db.raw("SELECT 1 FROM \(ident: table.name) LIMIT 1").first()
                if rows != nil { throw Refusal(description: "the PostgreSQL database already holds rows in \(table.name); copy only into an empty one") }
            }
            var counts: [(String, Int)] = []
            for table in tables {
                let rows = try await source.writer.connection.read { sqlite -> [Row] in
                    guard try sqlite.tableExists(table.name) else { return [] }
                    // Parents first where a table refers to itself (a side event's session may have been created after it).
                    let columns = try sqlite.columns(in: table.name).map(\.name)
                    let order = columns.contains("parent_event_id") ? " ORDER BY parent_event_id IS NOT NULL, seq"
                        : columns.contains("seq") ? " ORDER BY seq" : ""
                    return try Row.fetchAll(sqlite, sql: "SELECT * FROM \"\(table.name)\"\(order)")
                }
                for row in rows { try await insert(row, into: table, db) }
                if table.columns.contains(where: { $0.name == "seq" }), !rows.isEmpty {
                    try await db.raw("""
                        SELECT setval(pg_get_serial_sequence(\(bind: table.name), 'seq'), (SELECT max(seq) FROM \(ident: table.name)))
                        """).run()
                }
                counts.append((table.name, rows.count))
            }
            return counts
        }
    }

    // MARK: Rows

    /// One row, each value cast to its PostgreSQL column's type (SQLite keeps dates as text and booleans as 0/1).
    private func insert(_ row: Row, into table: Table, _ db: any SQLDatabase) async throws {
        var query = SQLQueryString("INSERT INTO \(ident: table.name) (")
        query.appendInterpolation(idents: table.columns.map(\.name), joinedBy: ", ")
        query.appendLiteral(") VALUES (")
        for (index, column) in table.columns.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            switch (row[column.name] as DatabaseValue?)?.storage ?? .null {
            case .null: query.appendLiteral("NULL")
            case .blob(let bytes): query.appendInterpolation(bind: bytes)
            case .int64(let number):
                query.appendLiteral("CAST(")
                query.appendInterpolation(bind: column.type == "boolean" ? (number != 0 ? "true" : "false") : String(number))
                query.appendLiteral(" AS \(column.type))")
            case .double(let number):
                query.appendLiteral("CAST(")
                query.appendInterpolation(bind: String(number))
                query.appendLiteral(" AS \(column.type))")
            case .string(let text):
                query.appendLiteral("CAST(")
                query.appendInterpolation(bind: text)
                query.appendLiteral(" AS \(column.type))")
            }
        }
        query.appendLiteral(")")
        try await db.raw(query).run()
    }

    // MARK: Catalog

    struct Column {
        let name: String
        /// A type name safe to splice into SQL (from the catalog, e.g. `timestamp with time zone`).
        let type: String
    }

    struct Table {
        let name: String
        let columns: [Column]
    }

    /// Engage's tables (the migration log apart), parents before the tables that reference them.
    static func tablesInDependencyOrder(_ db: any SQLDatabase) async throws -> [Table] {
        let columns = try await db.raw("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_generated = 'NEVER' AND table_name NOT IN ('engage_migration', 'statistics_stamp')
            ORDER BY table_name, ordinal_position
            """).all()
        var byTable: [String: [Column]] = [:]
        for row in columns {
            let type = try row.decode(column: "data_type", as: String.self)
            guard type.allSatisfy({ $0.isLetter || $0 == " " }) else { continue }
            byTable[try row.decode(column: "table_name", as: String.self), default: []]
                .append(Column(name: try row.decode(column: "column_name", as: String.self), type: type))
        }
        let references = try await db.raw("""
            SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """).all()
        var parents: [String: Set<String>] = [:]
        for row in references {
            let child = try row.decode(column: "child", as: String.self), parent = try row.decode(column: "parent", as: String.self)
            if child != parent { parents[child, default: []].insert(parent) }
        }
        var ordered: [Table] = []
        var placed = Set<String>()
        var remaining = byTable.keys.sorted()
        while !remaining.isEmpty {
            guard let next = remaining.first(where: { parents[$0, default: []].isSubset(of: placed) }) else {
                throw Refusal(description: "the foreign keys of \(remaining.joined(separator: ", ")) form a cycle; cannot order the copy")
            }
            ordered.append(Table(name: next, columns: byTable[next] ?? []))
            placed.insert(next)
            remaining.removeAll { $0 == next }
        }
        return ordered
    }
}
