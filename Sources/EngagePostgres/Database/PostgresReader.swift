import Logging
import PostgresKit
import PostgresNIO

/// Reads straight through PostgresNIO on one pooled connection, for the paths that read many rows
/// or are asked for most often (a stakeholder by ID, the stakeholder and event lists).
///
/// SQLKit still builds the SQL; the rows come back as PostgresNIO rows (`PostgresRowColumns` reads
/// them by type), and a fixed statement can run prepared, so PostgreSQL parses and plans it once per
/// connection instead of on every request.
struct PostgresReader {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row `query` returns.
    func rows(_ query: SQLQueryString) async throws -> [PostgresRow] {
        var serializer = SQLSerializer(database: connection.sql(queryLogLevel: nil))
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        // Binds are PostgresNIO's own values (text, numbers, dates, arrays of them) or nil, encoded as
        // postgres-kit would encode them; anything else (a raw enum, a struct) is refused, not guessed at.
        for value in serializer.binds {
            if let optional = value as? any NullableBind, optional.isNil {
                bindings.appendNull()
            } else if let value = value as? any PostgresThrowingDynamicTypeEncodable {
                try bindings.append(value)
            } else {
                throw PostgresRowError.unsupportedBind(String(describing: type(of: value)))
            }
        }
        return try await connection.query(PostgresQuery(unsafeSQL: serializer.sql, binds: bindings), logger: logger).collect()
    }

    /// Every row of a prepared statement (prepared on this connection the first time it runs there).
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
        return rows
    }
}

extension PostgresDatabase {
    /// Runs `body` with a reader on one pooled connection; each statement is its own transaction.
    func reading<T: Sendable>(_ body: (PostgresReader) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(PostgresReader(connection: connection, logger: logger))
        }
    }
}

/// An optional bind, so that nil binds NULL (a present value is cast through the optional).
private protocol NullableBind {
    var isNil: Bool { get }
}

extension Optional: NullableBind {
    fileprivate var isNil: Bool { self == nil }
}
