import EngageRecords
import Foundation
import PostgresNIO

/// A PostgresNIO row as `RecordColumns`, read in select-list order.
///
/// The hot reads name their columns in the order the record's reader asks for them
/// (`StakeholderRecord.columnNames`), so each column is the next cell: no lookup by name, and each
/// value decoded by its concrete type rather than through SQLKit's `Decodable` bridge. A reader that
/// asks out of order still gets the right cell, found by name.
final class PostgresRowColumns: RecordColumns {
    private let row: PostgresRow
    private var cells: PostgresRow.Iterator
    private var lookup: PostgresRandomAccessRow?

    init(_ row: PostgresRow) {
        self.row = row
        cells = row.makeIterator()
    }

    /// The cell of `column`: the next one when it has that name, else the one with that name.
    private func cell(_ column: String) throws -> PostgresCell {
        if lookup == nil {
            if let cell = cells.next(), cell.columnName == column { return cell }
            lookup = row.makeRandomAccess()
        }
        guard let lookup, lookup.contains(column) else { throw PostgresRowError.missingColumn(column) }
        return lookup[column]
    }

    func string(_ column: String) throws -> String { try cell(column).decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try cell(column).decode(String?.self) }
    func int(_ column: String) throws -> Int { try cell(column).decode(Int.self) }
    func optionalInt(_ column: String) throws -> Int? { try cell(column).decode(Int?.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try cell(column).decode(Int64?.self) }
    func bool(_ column: String) throws -> Bool { try cell(column).decode(Bool.self) }
    func date(_ column: String) throws -> Date { try cell(column).decode(Date.self) }
    func optionalDate(_ column: String) throws -> Date? { try cell(column).decode(Date?.self) }
    func data(_ column: String) throws -> Data { try cell(column).decode(Data.self) }
    func optionalData(_ column: String) throws -> Data? { try cell(column).decode(Data?.self) }
    func strings(_ column: String) throws -> [String] { try cell(column).decode([String].self) }
    func double(_ column: String) throws -> Double { try cell(column).decode(Double.self) }
}
