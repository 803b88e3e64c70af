import EngageCore
import EngageDomain
import Foundation
import GRDB

/// The SQLite implementation of `ChangeFeedRepository`.
public struct GRDBChangeFeedRepository: ChangeFeedRepository {
    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    public func list(_ filter: ChangeFilter, page: PageRequest) async throws -> Page<Change> {
        try await writer.read { db in try ChangeLog.page(filter, page, in: db) }
    }
}
