import GRDB

/// A shared record as GRDB stores it: in its own table (`tableName`, from `EngageRecords`), under
/// snake_case column names both ways. Conforming is all `RecordTables.swift` says of each record.
public protocol SnakeCaseTable: FetchableRecord, TableRecord {
    static var tableName: String { get }
}

extension SnakeCaseTable {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

extension SnakeCaseTable where Self: EncodableRecord {
    /// GRDB's snake_case names, kept once per key (`SnakeCaseColumns`).
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { SnakeCaseColumns.strategy }
}
