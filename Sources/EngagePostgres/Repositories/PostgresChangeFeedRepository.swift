import EngageCore
import EngageDomain
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `ChangeFeedRepository`.
struct PostgresChangeFeedRepository: ChangeFeedRepository {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func list(_ filter: ChangeFilter, page: PageRequest) async throws -> Page<Change> {
        try await database.read { db in try await PostgresChangeLog.page(filter, page, in: db) }
    }
}
