import EngageDomain
import EngageStorage
import Foundation

/// The repositories the HTTP layer works with; constructed once, passed in.
public struct Services: Sendable {
    public let database: AppDatabase
    public let stakeholders: any StakeholderRepository
    public let apiKeys: any APIKeyRepository
    public let idempotency: any IdempotencyStore
    public let events: any EventRepository
    public let registrations: any EventRegistrationRepository
    public let sideEventApplications: any SideEventApplicationRepository
    public let webhooks: any WebhookRepository
    public let projects: any ProjectRepository
    public let resources: any ResourceRepository
    public let workshops: any WorkshopRepository
    public let pilotInitiatives: any PilotInitiativeRepository

    /// The SQLite-backed services of one database. `serverSecret` seals webhook signing secrets.
    public init(database: AppDatabase, serverSecret: Data) {
        let renderer = APINotificationRenderer()
        self.database = database
        stakeholders = GRDBStakeholderRepository(database, renderer: renderer)
        apiKeys = GRDBAPIKeyRepository(database)
        idempotency = GRDBIdempotencyStore(database)
        events = GRDBEventRepository(database, renderer: renderer)
        registrations = GRDBEventRegistrationRepository(database, renderer: renderer)
        sideEventApplications = GRDBSideEventApplicationRepository(database, renderer: renderer)
        projects = GRDBProjectRepository(database)
        resources = GRDBResourceRepository(database, renderer: renderer)
        workshops = GRDBWorkshopRepository(database, renderer: renderer)
        pilotInitiatives = GRDBPilotInitiativeRepository(database, renderer: renderer)
        webhooks = GRDBWebhookRepository(database, seal: ResponseSeal(serverSecret: serverSecret), renderer: renderer)
    }
}
