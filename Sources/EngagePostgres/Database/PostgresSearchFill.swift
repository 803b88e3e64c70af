import EngageDomain
import PostgresKit

/// The Swift half of "2026-12-01 multilingual search": fills the new `search_*` columns of the rows
/// already stored from their texts, folded by `SearchText` exactly as the records write them (SQL
/// cannot fold the same way), so their generated `search` vectors index them. New rows write their
/// own (`SearchIndexed`).
enum PostgresSearchFill {
    /// A table, and for each weight class the raw column and the folded one. Fixed for the migration.
    private static let tables: [(name: String, columns: [(source: String, search: String)])] = [
        ("stakeholder", [("name", "search_name"), ("acronym", "search_acronym"), ("description", "search_description")]),
        ("event", [("title", "search_title"), ("description", "search_description")]),
        ("resource", [("title", "search_title"), ("summary", "search_summary"), ("publisher", "search_publisher")]),
    ]

    /// Rows per UPDATE (each binds one value per column: far below the protocol's 65,535).
    private static let batch = 500

    @Sendable
    static func fill(_ db: any SQLDatabase) async throws {
        for table in tables {
            var after: Int64 = 0
            while true {
                var select = SQLQueryString("SELECT seq")
                for column in table.columns { select.appendLiteral(", "); select.appendInterpolation(ident: column.source) }
                select.appendLiteral(" FROM ")
                select.appendInterpolation(ident: table.name)
                select.appendLiteral(" WHERE seq > \(after) ORDER BY seq LIMIT \(batch)")
                let rows = try await db.raw(select).all()
                guard !rows.isEmpty else { break }

                // UPDATE t SET search_a = v.c1, … FROM (VALUES ($1::bigint, $2::text, …), …) AS v(seq, c1, …) WHERE t.seq = v.seq
                var update = SQLQueryString("UPDATE ")
                update.appendInterpolation(ident: table.name)
                update.appendLiteral(" AS t SET ")
                for (index, column) in table.columns.enumerated() {
                    if index > 0 { update.appendLiteral(", ") }
                    update.appendInterpolation(ident: column.search)
                    update.appendLiteral(" = v.c\(index)")
                }
                update.appendLiteral(" FROM (VALUES ")
                for (rowIndex, row) in rows.enumerated() {
                    let seq = try row.decode(column: "seq", as: Int64.self)
                    after = max(after, seq)
                    update.appendLiteral(rowIndex > 0 ? ", (" : "(")
                    update.appendInterpolation(bind: seq)
                    update.appendLiteral("::bigint")
                    for column in table.columns {
                        let text = try row.decode(column: column.source, as: String?.self)
                        update.appendLiteral(", ")
                        update.appendInterpolation(bind: SearchText.index(text.map { [$0] } ?? []))
                        update.appendLiteral("::text")
                    }
                    update.appendLiteral(")")
                }
                update.appendLiteral(") AS v(seq")
                for index in table.columns.indices { update.appendLiteral(", c\(index)") }
                update.appendLiteral(") WHERE t.seq = v.seq")
                try await db.raw(update).run()
                if rows.count < batch { break }
            }
        }
    }
}
