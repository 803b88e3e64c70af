import EngageRecords
import Foundation
import GRDB

// The shared records, as GRDB reads and writes them: snake_case columns, one table each (`SnakeCaseTable`).

extension APIKeyRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension EnrolmentRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension AnnouncementRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension WebhookDeliveryRecord: FetchableRecord, TableRecord, SequencedRecord, SnakeCaseTable {}

extension MailDeliveryRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension EventRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {
    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension EventRegistrationRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension PilotInitiativeRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension ContactPointRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension ProjectRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension ResourceRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension SideEventApplicationRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension StakeholderHistoryRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

extension StakeholderRecord: FetchableRecord, PersistableRecord, SnakeCaseTable {
    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension WebhookEndpointRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {
    /// Reads the row by its one field list (`RecordColumns`), not through `Decodable`.
    public init(row: Row) throws {
        try self.init(columns: row)
    }
}

extension WorkshopRecord: FetchableRecord, PersistableRecord, SequencedRecord, SnakeCaseTable {}

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
    public func data(_ column: String) throws -> Data { try decode(forColumn: column) }
    public func optionalData(_ column: String) throws -> Data? { try decode(forColumn: column) }
}
