import EngageRecords
import Foundation
import GRDB

// The shared records, as GRDB reads and writes them: snake_case columns, one table each.

extension APIKeyRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension EnrolmentRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension AnnouncementRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension WebhookDeliveryRecord: FetchableRecord, TableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

extension MailDeliveryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension EventRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }

    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension EventRegistrationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension PilotInitiativeRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension ContactPointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension ProjectRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension ResourceRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension SideEventApplicationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension StakeholderHistoryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension StakeholderRecord: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }

    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension WebhookEndpointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

extension WorkshopRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}

/// GRDB's row as a record's field list reads it; a value of the wrong type throws, it does not trap.
extension Row: RecordColumns {
    public func string(_ column: String) throws -> String { try decode(forColumn: column) }
    public func optionalString(_ column: String) throws -> String? { try decode(forColumn: column) }
    public func int(_ column: String) throws -> Int { try decode(forColumn: column) }
    public func optionalInt(_ column: String) throws -> Int? { try decode(forColumn: column) }
    public func optionalInt64(_ column: String) throws -> Int64? { try decode(forColumn: column) }
    public func bool(_ column: String) throws -> Bool { try decode(forColumn: column) }
    public func date(_ column: String) throws -> Date { try decode(forColumn: column) }
    public func optionalDate(_ column: String) throws -> Date? { try decode(forColumn: column) }
}
