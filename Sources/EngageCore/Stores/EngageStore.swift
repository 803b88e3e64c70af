import EngageDomain
import Foundation

/// Which kind of database a store keeps its data in.
public enum StoreKind: String, Sendable {
    /// The embedded default: one SQLite file (WAL), one process.
    case sqlite
    /// A PostgreSQL server, shared by several instances.
    case postgresql
}

/// A place Engage keeps its data: the seam between the rules and a database.
///
/// The HTTP layer and the worker see only this protocol and the repositories it hands out;
/// only the executable's wiring (and the tests) name an implementation.
public protocol EngageStore: Sendable {
    /// The kind of database behind this store.
    var kind: StoreKind { get }

    /// Whether the database answers a trivial query now.
    func isReachable() async -> Bool

    /// A count of committed writes, advanced after each commit and before the write is acknowledged,
    /// read without touching the database; nil when this store cannot know every write without asking
    /// the database (several instances share a PostgreSQL). Answers kept in memory are keyed on it.
    var committedWrites: UInt64? { get }

    /// The names of the schema migrations applied so far, in order.
    func appliedMigrations() async throws -> [String]

    /// Runs `body` while no other instance runs its own (first-start work: the admin key, demo data),
    /// so instances started together on one database do that work once.
    func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T

    /// Whether the database holds anything sealed with the server secret (webhook signing secrets,
    /// stored idempotent responses): then a missing secret file is lost data, not a first start.
    func holdsSealedData() async throws -> Bool

    /// The repositories over this store. `renderer` renders webhook payloads, `seal` seals
    /// webhook signing secrets at rest.
    func repositories(renderer: any NotificationRenderer, seal: ResponseSeal) -> StoreRepositories
}

/// Every repository of one store.
public struct StoreRepositories: Sendable {
    public var stakeholders: any StakeholderRepository
    public var apiKeys: any APIKeyRepository
    public var idempotency: any IdempotencyStore
    public var events: any EventRepository
    public var registrations: any EventRegistrationRepository
    public var sideEventApplications: any SideEventApplicationRepository
    public var webhooks: any WebhookRepository
    public var projects: any ProjectRepository
    public var resources: any ResourceRepository
    public var workshops: any WorkshopRepository
    public var pilotInitiatives: any PilotInitiativeRepository
    /// Export, erasure and retention of personal data.
    public var personalData: any PersonalDataRepository
    /// Aggregate figures.
    public var statistics: any StatisticsRepository
    /// Notification preferences, the mail log and the mail queue.
    public var mail: any MailRepository
    /// Announcements and their publication.
    public var announcements: any AnnouncementRepository
    /// Notices of registration and side-event windows as they open.
    public var windows: any WindowNoticeRepository
    /// Rate-limit buckets: in process for a single instance, shared by the instances of a server database.
    public var rateLimits: any RateLimitStore
    /// Contact points, and which ones each programme record names.
    public var contactPoints: any ContactPointRepository
    /// Attendees' answers to workshops' feedback forms.
    public var feedback: any FeedbackRepository
    /// The change feed.
    public var changes: any ChangeFeedRepository

    public init(
        stakeholders: any StakeholderRepository, apiKeys: any APIKeyRepository, idempotency: any IdempotencyStore,
        events: any EventRepository, registrations: any EventRegistrationRepository,
        sideEventApplications: any SideEventApplicationRepository, webhooks: any WebhookRepository,
        projects: any ProjectRepository, resources: any ResourceRepository, workshops: any WorkshopRepository,
        pilotInitiatives: any PilotInitiativeRepository, personalData: any PersonalDataRepository,
        statistics: any StatisticsRepository, mail: any MailRepository, announcements: any AnnouncementRepository,
        windows: any WindowNoticeRepository, rateLimits: any RateLimitStore, contactPoints: any ContactPointRepository,
        feedback: any FeedbackRepository, changes: any ChangeFeedRepository
    ) {
        self.changes = changes
        self.feedback = feedback
        self.contactPoints = contactPoints
        self.windows = windows
        self.mail = mail
        self.announcements = announcements
        self.stakeholders = stakeholders
        self.apiKeys = apiKeys
        self.idempotency = idempotency
        self.events = events
        self.registrations = registrations
        self.sideEventApplications = sideEventApplications
        self.webhooks = webhooks
        self.projects = projects
        self.resources = resources
        self.workshops = workshops
        self.pilotInitiatives = pilotInitiatives
        self.personalData = personalData
        self.statistics = statistics
        self.rateLimits = rateLimits
    }
}
