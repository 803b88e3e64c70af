import EngageSQLite
import Foundation
import GRDB

/// `TestRows` over the SQLite store.
struct SQLiteTestRows: TestRows {
    let database: AppDatabase

    func rows(_ sql: String, _ arguments: [TestValue]) async throws -> [TestRow] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(Self.value))).map { row in
                var columns: [String: Data?] = [:]
                for (name, value) in row {
                    switch value.storage {
                    case .null: columns[name] = .some(nil)
                    case .int64(let number): columns[name] = Data(String(number).utf8)
                    case .double(let number): columns[name] = Data(String(number).utf8)
                    case .string(let text): columns[name] = Data(text.utf8)
                    case .blob(let bytes): columns[name] = bytes
                    }
                }
                return TestRow(columns: columns)
            }
        }
    }

    func execute(_ sql: String, _ arguments: [TestValue]) async throws {
        try await database.writer.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments.map(Self.value))) }
    }

    private static func value(_ value: TestValue) -> any DatabaseValueConvertible {
        switch value {
        case .text(let text): text
        case .int(let number): number
        case .date(let date): date
        }
    }
}
