import EngageCore
import EngageDomain
import Foundation
import Logging
import PostgresNIO

/// The server store: one PostgreSQL database that several Engage instances share.
public struct PostgresStore: EngageStore {
    /// The database, for tests and the copy command.
    public let database: PostgresDatabase
    private let runner: Task<Void, Never>

    public var kind: StoreKind { .postgresql }

    /// Other instances write to the same database: only the database knows its version.
    public var committedWrites: UInt64? { nil }

    /// Connects to `url` (`postgres://user:password@host:port/database`), starts the pool and
    /// brings the schema up to date (under an advisory lock, so instances starting together are safe).
    public static func open(url: String, logger: Logger, maximumConnections: Int = 20) async throws -> PostgresStore {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        // The pool serves once `run()` is going; postgres-nio has no signal for it, and a query before it
        // only waits (with a warning in the log), so give the task a moment to begin.
        try await Task.sleep(for: .milliseconds(20))
        let database = PostgresDatabase(client: client, logger: logger)
        do {
            try await PostgresMigrator.migrate(database)
        } catch {
            runner.cancel()
            throw error
        }
        return PostgresStore(database: database, runner: runner)
    }

    /// Stops the connection pool.
    public func close() {
        runner.cancel()
    }

    // MARK: EngageStore

    public func isReachable() async -> Bool {
        await database.isReachable()
    }

    public func appliedMigrations() async throws -> [String] {
        try await PostgresMigrator.applied(database)
    }

    /// A session advisory lock, held on a connection of its own while `body` uses others.
    public func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await database.client.withConnection { connection in
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("SELECT pg_advisory_lock(\(bind: Self.startupLockKey))").run()
            do {
                let result = try await body()
                try await db.raw("SELECT pg_advisory_unlock(\(bind: Self.startupLockKey))").run()
                return result
            } catch {
                try? await db.raw("SELECT pg_advisory_unlock(\(bind: Self.startupLockKey))").run()
                throw error
            }
        }
    }

    /// "Engage" + 1: the start-up lock, beside the migrator's.
    static let startupLockKey: Int = PostgresMigrator.lockKey + 1

    public func holdsSealedData() async throws -> Bool {
        try await database.read { db in
            try await db.raw("""
                SELECT EXISTS (SELECT 1 FROM webhook_endpoint) OR EXISTS (SELECT 1 FROM idempotency_key WHERE body IS NOT NULL) AS sealed
                """).first()?.decode(column: "sealed", as: Bool.self) ?? false
        }
    }

    public func repositories(renderer: any NotificationRenderer, seal: ResponseSeal) -> StoreRepositories {
        StoreRepositories(
            stakeholders: PostgresStakeholderRepository(database, renderer: renderer),
            apiKeys: PostgresAPIKeyRepository(database),
            idempotency: PostgresIdempotencyStore(database),
            events: PostgresEventRepository(database, renderer: renderer),
            registrations: PostgresEventRegistrationRepository(database, renderer: renderer),
            sideEventApplications: PostgresSideEventApplicationRepository(database, renderer: renderer),
            webhooks: PostgresWebhookRepository(database, seal: seal, renderer: renderer),
            projects: PostgresProjectRepository(database, renderer: renderer),
            resources: PostgresResourceRepository(database, renderer: renderer),
            workshops: PostgresWorkshopRepository(database, renderer: renderer),
            pilotInitiatives: PostgresPilotInitiativeRepository(database, renderer: renderer),
            personalData: PostgresPersonalDataRepository(database, renderer: renderer),
            statistics: PostgresStatisticsRepository(database),
            mail: PostgresMailRepository(database),
            announcements: PostgresAnnouncementRepository(database, renderer: renderer),
            windows: PostgresWindowNoticeRepository(database, renderer: renderer),
            rateLimits: PostgresRateLimitStore(database),
            contactPoints: PostgresContactPointRepository(database),
            feedback: PostgresFeedbackRepository(database),
            changes: PostgresChangeFeedRepository(database)
        )
    }
}
