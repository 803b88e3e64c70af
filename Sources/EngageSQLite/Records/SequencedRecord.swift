import EngageDomain
import EngageRecords
import GRDB

/// A record with an `INTEGER PRIMARY KEY AUTOINCREMENT` column `seq`: the stable insertion
/// order that lists and keyset cursors use.
protocol SequencedRecord: FetchableRecord, TableRecord {
    var seq: Int64? { get }
}

extension QueryInterfaceRequest where RowDecoder: SequencedRecord {
    /// One page in insertion order after the cursor, and the cursor of the next page if there is one.
    /// Rows inserted while a client pages land after every cursor it holds: no duplicates, no gaps.
    func page(_ page: PageRequest, in db: Database) throws -> (records: [RowDecoder], next: PageCursor?) {
        let records = try filter(Column("seq") > (page.after?.sequence ?? 0))
            .order(Column("seq"))
            .limit(page.limit + 1)
            .fetchAll(db)
        let visible = Array(records.prefix(page.limit))
        let next = records.count > page.limit ? visible.last?.seq.map { PageCursor(sequence: $0) } : nil
        return (visible, next)
    }
}
