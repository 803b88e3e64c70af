import Foundation
import GRDB
import Synchronization

/// GRDB's `.convertToSnakeCase` column name for a coding key, asked of GRDB once per key and kept.
///
/// GRDB converts every key again on every insert and update, through Foundation's character sets:
/// on the registration path that was 6 % of the server's time (perf, 2026-12-02). The names are
/// GRDB's own, so the columns are exactly what `.convertToSnakeCase` writes.
enum SnakeCaseColumns {
    private static let known = Mutex<[String: String]>([:])

    /// The encoding strategy the records use: `.convertToSnakeCase`, remembered.
    static let strategy = DatabaseColumnEncodingStrategy.custom { key in column(for: key.stringValue) }

    /// The column GRDB's `.convertToSnakeCase` names `key`.
    static func column(for key: String) -> String {
        if let column = known.withLock({ $0[key] }) { return column }
        let column = (try? Probe(key: key).databaseDictionary)?.keys.first ?? key
        known.withLock { $0[key] = column }
        return column
    }

    /// A record with one column under `key`, to see what GRDB makes of the key.
    private struct Probe: EncodableRecord, Encodable {
        static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
        let key: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(0, forKey: Key(stringValue: key))
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
