import EngagePostgres
import Foundation
import PostgresKit

/// `TestRows` over the PostgreSQL store: `?` becomes a bind; every column comes back as text
/// (bytea as its raw bytes).
struct PostgresTestRows: TestRows {
    let database: EngagePostgres.PostgresDatabase

    func rows(_ sql: String, _ arguments: [TestValue]) async throws -> [TestRow] {
        try await database.read { db in
            try await db.raw(Self.query(sql, arguments)).all().map { row in
                var columns: [String: Data?] = [:]
                for name in row.allColumns {
                    if let text = try? row.decode(column: name, as: String.self) {
                        columns[name] = Data(text.utf8)
                    } else if let number = try? row.decode(column: name, as: Int.self) {
                        columns[name] = Data(String(number).utf8)
                    } else if let flag = try? row.decode(column: name, as: Bool.self) {
                        columns[name] = Data((flag ? "1" : "0").utf8)
                    } else if let date = try? row.decode(column: name, as: Date.self) {
                        columns[name] = Data(String(date.timeIntervalSince1970).utf8)
                    } else {
                        columns[name] = .some(try row.decode(column: name, as: Data?.self))  // bytea, or NULL
                    }
                }
                return TestRow(columns: columns)
            }
        }
    }

    func execute(_ sql: String, _ arguments: [TestValue]) async throws {
        try await database.read { db in try await db.raw(Self.query(sql, arguments)).run() }
    }

    private static func query(_ sql: String, _ arguments: [TestValue]) -> SQLQueryString {
        var query = SQLQueryString("")
        var values = arguments.makeIterator()
        for (index, piece) in sql.split(separator: "?", omittingEmptySubsequences: false).enumerated() {
            if index > 0, let value = values.next() {
                switch value {
                case .text(let text): query.appendInterpolation(bind: text)
                case .int(let number): query.appendInterpolation(bind: number)
                case .date(let date): query.appendInterpolation(bind: date)
                }
            }
            query.appendLiteral(String(piece))
        }
        return query
    }
}
