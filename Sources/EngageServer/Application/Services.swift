import EngageStorage

/// The repositories the HTTP layer works with; constructed once, passed in.
public struct Services: Sendable {
    public let database: AppDatabase
    public let stakeholders: any StakeholderRepository
    public let apiKeys: any APIKeyRepository
    public let idempotency: any IdempotencyStore
    public let events: any EventRepository
    public let registrations: any EventRegistrationRepository
    public let sideEventApplications: any SideEventApplicationRepository

    /// The SQLite-backed services of one database.
    public init(database: AppDatabase) {
        self.database = database
        stakeholders = GRDBStakeholderRepository(database)
        apiKeys = GRDBAPIKeyRepository(database)
        idempotency = GRDBIdempotencyStore(database)
        events = GRDBEventRepository(database)
        registrations = GRDBEventRegistrationRepository(database)
        sideEventApplications = GRDBSideEventApplicationRepository(database)
    }
}
