import EngageRecords
import Foundation
import GRDB

// The shared records, as GRDB reads and writes them: snake_case columns, one table each.

extension APIKeyRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension EnrolmentRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension AnnouncementRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension WebhookDeliveryRecord: FetchableRecord, TableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

extension MailDeliveryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension EventRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }

    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension EventRegistrationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension PilotInitiativeRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ContactPointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ProjectRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ResourceRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension SideEventApplicationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension StakeholderHistoryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension StakeholderRecord: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }

    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension WebhookEndpointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension WorkshopRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
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
