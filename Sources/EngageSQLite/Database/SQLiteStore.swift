import EngageCore
import EngageDomain
import EngageRecords
import Foundation

/// The embedded store: one SQLite file (or an in-memory database in tests) through GRDB.
public struct SQLiteStore: EngageStore {
    /// The database, for what only SQLite does (backups) and for tests that read rows.
    public let database: AppDatabase

    public var kind: StoreKind { .sqlite }

    /// One SQLite file serves one process, so its rate-limit buckets live in that process.
    private let rateLimits = InProcessRateLimitStore()

    public init(_ database: AppDatabase) {
        self.database = database
    }

    /// Opens (creating and migrating) the file at `path`, or an in-memory database when nil.
    public static func open(path: String?) throws -> SQLiteStore {
        SQLiteStore(try path.map { try AppDatabase.open(path: $0) } ?? AppDatabase.inMemory())
    }

    /// One process writes the file, through one writer that counts its commits.
    public var committedWrites: UInt64? {
        database.writer.commits
    }

    public func isReachable() async -> Bool {
        await database.isReachable()
    }

    public func appliedMigrations() async throws -> [String] {
        try await database.appliedMigrations()
    }

    /// One SQLite file serves one process: nothing to wait for.
    public func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    public func holdsSealedData() async throws -> Bool {
        try await database.writer.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM webhook_endpoint) OR EXISTS (SELECT 1 FROM idempotency_key WHERE body IS NOT NULL)
                """) ?? false
        }
    }

    public func repositories(renderer: any NotificationRenderer, seal: ResponseSeal) -> StoreRepositories {
        StoreRepositories(
            stakeholders: GRDBStakeholderRepository(database, renderer: renderer),
            apiKeys: GRDBAPIKeyRepository(database),
            idempotency: GRDBIdempotencyStore(database),
            events: GRDBEventRepository(database, renderer: renderer),
            registrations: GRDBEventRegistrationRepository(database, renderer: renderer),
            sideEventApplications: GRDBSideEventApplicationRepository(database, renderer: renderer),
            webhooks: GRDBWebhookRepository(database, seal: seal, renderer: renderer),
            projects: GRDBProjectRepository(database, renderer: renderer),
            resources: GRDBResourceRepository(database, renderer: renderer),
            workshops: GRDBWorkshopRepository(database, renderer: renderer),
            pilotInitiatives: GRDBPilotInitiativeRepository(database, renderer: renderer),
            personalData: GRDBPersonalDataRepository(database, renderer: renderer),
            statistics: GRDBStatisticsRepository(database),
            mail: GRDBMailRepository(database),
            announcements: GRDBAnnouncementRepository(database, renderer: renderer),
            windows: GRDBWindowNoticeRepository(database, renderer: renderer),
            rateLimits: rateLimits,
            contactPoints: GRDBContactPointRepository(database),
            feedback: GRDBFeedbackRepository(database),
            changes: GRDBChangeFeedRepository(database)
        )
    }
}
