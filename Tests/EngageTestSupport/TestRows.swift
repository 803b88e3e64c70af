import Foundation

/// A value bound to a test's SQL.
public enum TestValue: Sendable {
    case text(String)
    case int(Int)
    case date(Date)
}

/// One row as a test sees it: every column as bytes (text as UTF-8, numbers in decimal), NULL as nil.
public struct TestRow: Sendable {
    public var columns: [String: Data?]

    public init(columns: [String: Data?]) {
        self.columns = columns
    }

    /// The column as text.
    public func string(_ column: String) -> String? {
        (columns[column] ?? nil).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The column's bytes.
    public func data(_ column: String) -> Data? {
        columns[column] ?? nil
    }

    /// The column as an integer.
    public func int(_ column: String) -> Int? {
        string(column).flatMap { Int($0) }
    }
}

/// The database behind a test, read and written with plain SQL (`?` placeholders) on either store:
/// for the assertions on stored state that no API shows.
public protocol TestRows: Sendable {
    func rows(_ sql: String, _ arguments: [TestValue]) async throws -> [TestRow]
    func execute(_ sql: String, _ arguments: [TestValue]) async throws
}

extension TestRows {
    /// The first column of the first row, as text.
    public func scalar(_ sql: String, _ arguments: [TestValue] = []) async throws -> String? {
        try await rows(sql, arguments).first.flatMap { row in row.columns.count == 1 ? row.columns.values.first.flatMap { $0 } : nil }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// How many rows a table holds.
    public func count(_ table: String) async throws -> Int {
        Int(try await scalar("SELECT CAST(count(*) AS TEXT) AS n FROM \(table)") ?? "0") ?? 0
    }
}
