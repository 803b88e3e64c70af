import EngageDomain
import EngageNotifications
import EngageCore
import Foundation
import Hummingbird
import Logging

/// Builds the whole application over an open store: bootstrap data, router, server and worker.
public func buildApplication(_ configuration: AppConfiguration, store: any EngageStore, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "engage")
    logger.logLevel = configuration.logLevel
    let services = Services(store: store, serverSecret: configuration.serverSecret)
    try await Bootstrap(services: services, logger: logger).run(configuration)
    let router = buildRouter(services: services, configuration: configuration, logger: logger)
    var app = Application(
        router: router,
        // Connections idle for a minute are closed; NIO never ties a thread to a slow client.
        server: .http1(configuration: .init(idleTimeout: .seconds(60))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "engage"),
        logger: logger
    )
    if configuration.webhookWorker {
        let transport = CurlTransport(userAgent: "Engage-Webhooks/\(EngageVersion.current) (UNODC Civil Society Team)")
        app.addServices(WebhookWorker(
            store: services.webhooks, transport: transport, policy: TargetPolicy(allowPrivateTargets: configuration.webhookAllowPrivateTargets),
            settings: configuration.webhooks, logger: logger, onShutdown: { transport.abortAll() }))
    }
    if let mail = configuration.mail {
        app.addServices(MailWorker(
            store: services.mail, transport: CurlMailTransport(settings: mail.smtp), renderer: .embedded,
            serverSecret: configuration.serverSecret, settings: mail.worker, logger: logger))
    }
    if configuration.announcementPublisher {
        app.addServices(AnnouncementPublisher(repository: services.announcements, logger: logger))
        app.addServices(WindowWatcher(repository: services.windows, logger: logger))
    }
    if configuration.retentionJob {
        app.addServices(RetentionJob(repository: services.personalData, mail: services.mail, participants: configuration.participantRetention, logger: logger))
    }
    return app
}

/// The router with every middleware and route; what the in-process tests drive.
public func buildRouter(
    services: Services, configuration: AppConfiguration, metrics: HTTPMetrics = HTTPMetrics(), clock: TimeSource = .system,
    logger: Logger = Logger(label: "engage")
) -> Router<EngageRequestContext> {
    let router = Router(context: EngageRequestContext.self, options: .autoGenerateHeadEndpoints)
    // CORS goes outermost, so problem responses (401, 404, 422 …) carry its headers too.
    if !configuration.corsOrigins.isEmpty {
        router.add(middleware: AllowedOriginsCORSMiddleware(origins: configuration.corsOrigins))
    }
    router.add(middleware: ObservabilityMiddleware(
        metrics: metrics,
        authenticator: Authenticator(apiKeys: services.apiKeys, stakeholders: services.stakeholders),
        bodyLimit: configuration.maxBodySize,
        bodyTimeout: configuration.bodyTimeout,
        cursorSeal: CursorSeal(serverSecret: configuration.serverSecret),
        failedAuthentication: configuration.rateLimits.quotas[.failedAuthentication].map { ($0, services.rateLimits) }
    ))
    if !configuration.rateLimits.isOff {
        router.add(middleware: RateLimitMiddleware(limits: configuration.rateLimits, buckets: services.rateLimits, logger: logger))
    }
    router.add(middleware: CachingHeadersMiddleware())
    router.add(middleware: IdempotencyMiddleware(
        store: services.idempotency,
        seal: ResponseSeal(serverSecret: configuration.serverSecret),
        publicPostPaths: ["/v1/stakeholders"],
        clock: clock
    ))
    if configuration.responseCacheBytes > 0 {
        let store = services.store
        router.add(middleware: ResponseCacheMiddleware(
            cache: ResponseCache(budget: configuration.responseCacheBytes), metrics: metrics, version: { store.committedWrites }))
    }
    router.add(middleware: MergedStakeholderRedirect(stakeholders: services.stakeholders))
    SystemController(store: services.store, metrics: metrics, mailEnabled: configuration.mail != nil).addRoutes(to: router)
    ProblemController().addRoutes(to: router)
    MailController(repository: services.mail, serverSecret: configuration.serverSecret, clock: clock).addRoutes(to: router)
    AnnouncementController(repository: services.announcements, clock: clock, publicURL: configuration.publicURL).addRoutes(to: router)
    ReferenceController().addRoutes(to: router)
    APIKeyController(repository: services.apiKeys, clock: clock).addRoutes(to: router)
    StakeholderController(repository: services.stakeholders, clock: clock).addRoutes(to: router)
    EventController(repository: services.events, clock: clock).addRoutes(to: router)
    EventRegistrationController(repository: services.registrations, stakeholders: services.stakeholders, clock: clock).addRoutes(to: router)
    SideEventApplicationController(repository: services.sideEventApplications, stakeholders: services.stakeholders, clock: clock).addRoutes(to: router)
    ProjectController(repository: services.projects, statistics: services.statistics, clock: clock).addRoutes(to: router)
    ResourceController(repository: services.resources, clock: clock).addRoutes(to: router)
    WorkshopController(repository: services.workshops, clock: clock).addRoutes(to: router)
    EnrolmentController(repository: services.workshops, stakeholders: services.stakeholders, clock: clock).addRoutes(to: router)
    CertificateController(
        stakeholders: services.stakeholders,
        certificates: EnrolmentLink(workshops: services.workshops, seal: EnrolmentSeal(.certificate, serverSecret: configuration.serverSecret)),
        renderer: .embedded, publicURL: configuration.publicURL).addRoutes(to: router)
    FeedbackController(
        feedback: services.feedback, workshops: services.workshops,
        forms: EnrolmentLink(workshops: services.workshops, seal: EnrolmentSeal(.feedback, serverSecret: configuration.serverSecret)),
        clock: clock).addRoutes(to: router)
    PilotInitiativeController(repository: services.pilotInitiatives, stakeholders: services.stakeholders, clock: clock).addRoutes(to: router)
    MeController(stakeholders: services.stakeholders, registrations: services.registrations, applications: services.sideEventApplications,
                 workshops: services.workshops, pilotInitiatives: services.pilotInitiatives).addRoutes(to: router)
    PersonalDataController(repository: services.personalData, clock: clock).addRoutes(to: router)
    StatisticsController(repository: services.statistics).addRoutes(to: router)
    ChangeController(repository: services.changes).addRoutes(to: router)
    ContactPointController(repository: services.contactPoints, clock: clock).addRoutes(to: router)
    WebhookController(repository: services.webhooks, stakeholders: services.stakeholders, policy: TargetPolicy(allowPrivateTargets: configuration.webhookAllowPrivateTargets),
                      clock: clock).addRoutes(to: router)
    router.add(middleware: MethodNotAllowedMiddleware(routeTable: routeTable(router)))
    return router
}

