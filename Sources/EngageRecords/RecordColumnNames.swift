import Foundation

/// The columns a record's `init(columns:)` reads, in the order it reads them: the select list of a
/// store that names its columns instead of `*` (PostgreSQL leaves the generated `search` vector out),
/// taken from the one field list, so it cannot drift from the reader.
public enum RecordColumnNames {
    /// Runs `read` over a row that answers every column with a placeholder and returns the names it asked for.
    public static func of(_ read: (Recorder) throws -> Void) -> [String] {
        let recorder = Recorder()
        // The placeholders are valid values of every type and the readers only read: a throw here is a
        // reader that started checking its values, and a column list cut short would go unnoticed.
        do { try read(recorder) } catch { preconditionFailure("a record reader threw on placeholder values: \(error)") }
        return recorder.names
    }

    /// A row that records the names it is asked for.
    public final class Recorder: RecordColumns {
        fileprivate(set) var names: [String] = []

        private func record(_ column: String) { names.append(column) }

        public func string(_ column: String) throws -> String { record(column); return "" }
        public func optionalString(_ column: String) throws -> String? { record(column); return nil }
        public func int(_ column: String) throws -> Int { record(column); return 0 }
        public func optionalInt(_ column: String) throws -> Int? { record(column); return nil }
        public func optionalInt64(_ column: String) throws -> Int64? { record(column); return nil }
        public func bool(_ column: String) throws -> Bool { record(column); return false }
        public func date(_ column: String) throws -> Date { record(column); return Date(timeIntervalSince1970: 0) }
        public func optionalDate(_ column: String) throws -> Date? { record(column); return nil }
        public func data(_ column: String) throws -> Data { record(column); return Data() }
        public func optionalData(_ column: String) throws -> Data? { record(column); return nil }
    }
}

extension StakeholderRecord {
    /// The `stakeholder` columns `init(columns:)` reads, in its order.
    public static let columnNames = RecordColumnNames.of { _ = try StakeholderRecord(columns: $0) }
}

extension EventRecord {
    /// The `event` columns `init(columns:)` reads, in its order.
    public static let columnNames = RecordColumnNames.of { _ = try EventRecord(columns: $0) }
}
