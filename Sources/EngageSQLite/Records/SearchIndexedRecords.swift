import EngageRecords
import Foundation
import GRDB

// The records whose table carries `search_*` columns write them with every INSERT and UPDATE:
// their Codable columns, as GRDB encodes them, plus `searchColumns` (which the FTS5 triggers index).

extension StakeholderRecord {
    public func encode(to container: inout PersistenceContainer) throws {
        try SearchIndexedColumns.encode(self, to: &container)
    }
}

extension EventRecord {
    public func encode(to container: inout PersistenceContainer) throws {
        try SearchIndexedColumns.encode(self, to: &container)
    }
}

extension ResourceRecord {
    public func encode(to container: inout PersistenceContainer) throws {
        try SearchIndexedColumns.encode(self, to: &container)
    }
}

/// A record's columns as GRDB's `Encodable` support encodes them (the record itself cannot call that
/// implementation once it has its own `encode(to:)`), with its strategies.
private struct SearchIndexedColumns<Record: EncodableRecord & Encodable & SearchIndexed>: EncodableRecord, Encodable {
    let record: Record

    static func encode(_ record: Record, to container: inout PersistenceContainer) throws {
        for (column, value) in try SearchIndexedColumns(record: record).databaseDictionary {
            container[column] = value
        }
        for (column, value) in record.searchColumns where container[column] == nil {
            container[column] = value
        }
    }

    func encode(to encoder: any Encoder) throws { try record.encode(to: encoder) }

    static var databaseEncodingUserInfo: [CodingUserInfoKey: Any] { Record.databaseEncodingUserInfo }
    static func databaseJSONEncoder(for column: String) -> JSONEncoder { Record.databaseJSONEncoder(for: column) }
    static func databaseDataEncodingStrategy(for column: String) -> DatabaseDataEncodingStrategy { Record.databaseDataEncodingStrategy(for: column) }
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { Record.databaseDateEncodingStrategy(for: column) }
    static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy { Record.databaseUUIDEncodingStrategy(for: column) }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { Record.databaseColumnEncodingStrategy }
}
