import EngageDomain
import Foundation

/// A delivery the worker has claimed: everything one attempt needs.
public struct DueDelivery: Sendable {
    public var id: WebhookDeliveryID
    public var endpointID: WebhookEndpointID
    public var url: String
    /// The live signing secrets, newest first (two during the 24 hours after a rotation).
    public var secrets: [String]
    public var messageID: MessageID
    public var body: Data
    /// Attempts made before this one.
    public var attemptCount: Int
    /// The worker instance that claimed it: only its claim is settled by `record`.
    public var claimedBy: String

    public init(
        id: WebhookDeliveryID, endpointID: WebhookEndpointID, url: String, secrets: [String], messageID: MessageID, body: Data, attemptCount: Int,
        claimedBy: String
    ) {
        self.id = id
        self.endpointID = endpointID
        self.url = url
        self.secrets = secrets
        self.messageID = messageID
        self.body = body
        self.attemptCount = attemptCount
        self.claimedBy = claimedBy
    }
}

/// What an attempt came to, as the worker judged it.
public enum AttemptOutcome: Sendable, Equatable {
    case succeeded
    /// Try again at this time.
    case retry(at: Date)
    /// No attempts left (or the target is refused for good).
    case failed
    /// 410 Gone: the receiver asks to be unsubscribed; the endpoint is disabled.
    case gone
}

/// Webhook endpoints, the delivery log and the worker's queue.
public protocol WebhookRepository: Sendable {
    // MARK: Endpoints

    func createEndpoint(_ endpoint: WebhookEndpoint, secret: String) async throws -> WebhookEndpoint
    func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint?
    /// All endpoints, or only those of one stakeholder, that `filter` keeps, in its order (oldest first by default).
    func endpoints(ownedBy owner: StakeholderID?, filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookEndpoint>
    func updateEndpoint(_ id: WebhookEndpointID, with input: WebhookEndpointInput, expectedVersion: Int?, now: Date) async throws -> WebhookEndpoint
    func deleteEndpoint(_ id: WebhookEndpointID) async throws
    /// A new secret; the old one keeps signing, alongside, until `previousUntil`.
    func rotateSecret(_ id: WebhookEndpointID, to secret: String, previousUntil: Date, now: Date) async throws -> WebhookEndpoint
    /// Enqueues a `webhook.test` message to this endpoint alone.
    func enqueueTest(_ id: WebhookEndpointID, data: Data, now: Date) async throws -> WebhookDeliveryID

    // MARK: Delivery log

    /// An endpoint's deliveries in any of `statuses` (empty: all) that `filter` keeps, in its order (newest last by default).
    func deliveries(of endpoint: WebhookEndpointID, statuses: [DeliveryStatus], filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookDelivery>
    /// One delivery with every attempt still kept.
    func delivery(_ id: WebhookDeliveryID) async throws -> WebhookDelivery?
    /// Sends a delivery again, now, as one more attempt.
    func redeliver(_ id: WebhookDeliveryID, now: Date) async throws -> WebhookDelivery
    /// Re-queues the failed deliveries of an endpoint created in [since, until); returns how many.
    func recover(_ endpoint: WebhookEndpointID, since: Date, until: Date, now: Date) async throws -> Int

    // MARK: Worker

    /// Claims due deliveries of enabled endpoints not in `busy` for the worker `owner`: at most `perEndpoint`
    /// each, for at most `endpoints` endpoints, oldest first. Only unclaimed deliveries and those whose lease
    /// has expired are taken, never another worker's live claim. A claim holds until `now + lease`, unless renewed.
    func claimDue(
        owner: String, now: Date, excluding busy: Set<WebhookEndpointID>, endpoints: Int, perEndpoint: Int, lease: Duration
    ) async throws -> [WebhookEndpointID: [DueDelivery]]
    /// Extends `owner`'s live claims on these endpoints to `until` (the worker's heartbeat); returns how many.
    @discardableResult
    func renewClaims(owner: String, endpoints: Set<WebhookEndpointID>, until: Date, now: Date) async throws -> Int
    /// Records an attempt and its outcome, and the endpoint's health, in one transaction.
    /// An endpoint failing without a success for `disableAfter` is disabled and staff endpoints are told.
    /// When the claim has passed to another worker meanwhile (its lease ran out and another took it),
    /// only the attempt is kept: the delivery's state is the new holder's to settle.
    func record(_ delivery: DueDelivery, attempt: WebhookDelivery.Attempt, outcome: AttemptOutcome, disableAfter: Duration, now: Date) async throws
    /// Releases `owner`'s claims: run as a worker starts, so an instance restarted under the same name takes
    /// back at once what it held when it stopped. Other instances' claims are left to their leases.
    func releaseClaims(owner: String) async throws
    /// Deletes attempts older than `cutoff`; returns how many.
    func purgeAttempts(before cutoff: Date) async throws -> Int
}
