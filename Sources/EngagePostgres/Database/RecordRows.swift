import EngageRecords
import Foundation
import PostgresKit

// The records lists read by the page, read by their one field list (`RecordColumns`, EngageRecords),
// not through SQLKit's `Decodable` row decoder with its snake-case key conversion. Extra columns (the
// `search` vector, a list's links or sort key) are ignored, as the decoder ignores them.

extension StakeholderRecord: RecordTable {
    static func decode(_ row: any SQLRow) throws -> StakeholderRecord {
        try StakeholderRecord(columns: SQLRowColumns(row: row))
    }
}

extension EventRecord: RecordTable {
    static func decode(_ row: any SQLRow) throws -> EventRecord {
        try EventRecord(columns: SQLRowColumns(row: row))
    }
}

extension WebhookEndpointRecord: RecordTable {
    static func decode(_ row: any SQLRow) throws -> WebhookEndpointRecord {
        try WebhookEndpointRecord(columns: SQLRowColumns(row: row))
    }
}

/// An SQLKit row as `RecordColumns`.
private struct SQLRowColumns: RecordColumns {
    let row: any SQLRow

    func string(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }
    func optionalInt(_ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try row.decode(column: column, as: Int64?.self) }
    func bool(_ column: String) throws -> Bool { try row.decode(column: column, as: Bool.self) }
    func date(_ column: String) throws -> Date { try row.decode(column: column, as: Date.self) }
    func optionalDate(_ column: String) throws -> Date? { try row.decode(column: column, as: Date?.self) }
    func data(_ column: String) throws -> Data { try row.decode(column: column, as: Data.self) }
    func optionalData(_ column: String) throws -> Data? { try row.decode(column: column, as: Data?.self) }
}
