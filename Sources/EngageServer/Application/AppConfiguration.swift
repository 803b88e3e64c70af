import EngageDomain
import EngageNotifications
import Foundation
import Logging

/// Everything `engage serve` can be told, already parsed and checked.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SQLite file; nil for an in-memory database (tests).
    public var databasePath: String?
    /// When set, an admin key with exactly this secret is ensured at start.
    public var adminKey: String?
    /// Load demo data into an empty database at start.
    public var demoData: Bool
    public var logLevel: Logger.Level
    /// Origins allowed by CORS; empty allows none.
    public var corsOrigins: [String]
    /// The largest request body accepted, in bytes.
    public var maxBodySize: Int
    /// How long a request body may take to arrive (`ENGAGE_BODY_TIMEOUT`): a slow sender holds no connection longer.
    public var bodyTimeout: Duration = .seconds(30)
    /// The secret that seals stored idempotent responses and webhook signing secrets; kept beside the database file.
    public var serverSecret: Data = ResponseSeal.newServerSecret()
    /// Outbound webhooks: retry schedule, timeouts, concurrency.
    public var webhooks = WebhookWorker.Settings()
    /// Allow webhook targets on private and loopback addresses, and plain http (development and tests).
    public var webhookAllowPrivateTargets = false
    /// Run the delivery worker with the server (tests of the HTTP layer alone turn it off).
    public var webhookWorker = true
    /// How long participants' personal data is kept after their event or workshop ends (`ENGAGE_RETENTION_PARTICIPANTS`).
    public var participantRetention = RetentionPeriod(years: 2)
    /// Run the daily retention pass with the server.
    public var retentionJob = true
    /// Where the API is reached from outside (`ENGAGE_PUBLIC_URL`): absolute links in feeds and mails.
    public var publicURL = "http://127.0.0.1:8080"
    /// Publish scheduled announcements, and tell of windows as they open, with the server.
    public var announcementPublisher = true
    /// E-mail through SMTP (`ENGAGE_SMTP_URL`, `ENGAGE_MAIL_FROM`, …); nil sends no mail, and `/readyz` says so.
    public var mail: MailConfiguration?
    /// The most bytes of anonymous directory answers kept in memory (`ENGAGE_RESPONSE_CACHE_MB`; 0 keeps none).
    /// 24 MB keeps every one of the bench's 18,000 public profiles (one costs its body, about 470 bytes
    /// there, its key and 160 bytes) while its generations turn over; 12 MB kept 14,000–18,000, and a
    /// random profile read was a miss 47 % of the time instead of 33 %, the share of first reads.
    public var responseCacheBytes = 24 * 1024 * 1024
    /// Requests per caller and window (`ENGAGE_RATE_LIMITS`); off unless configured, so in-process tests run unlimited.
    public var rateLimits = RateLimits.off

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String? = nil, adminKey: String? = nil,
        demoData: Bool = false, logLevel: Logger.Level = .info, corsOrigins: [String] = [], maxBodySize: Int = 64 * 1024
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.adminKey = adminKey
        self.demoData = demoData
        self.logLevel = logLevel
        self.corsOrigins = corsOrigins
        self.maxBodySize = maxBodySize
    }
}
