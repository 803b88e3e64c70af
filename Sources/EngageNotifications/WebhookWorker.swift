import EngageDomain
import EngageCore
import Foundation
import Logging
import ServiceLifecycle

/// Delivers the outbox: started with the server, stopped gracefully with it.
///
/// It claims due deliveries, groups them by endpoint, and works through each endpoint's in
/// order while up to `concurrency` endpoints are served at once, so one slow receiver holds up
/// only itself. Attempts are committed in the order they are made: a success while the next
/// delivery goes out, any other outcome before it.
///
/// Claims carry this worker's instance name and a short lease that the worker renews while it
/// works, so several instances can share one database: none takes another's live claim, and the
/// claims of an instance that died come back to the others when their lease runs out. An instance
/// restarted under the same name takes back its own claims at once.
public struct WebhookWorker: Service {
    public struct Settings: Sendable {
        public var schedule: RetrySchedule
        public var timeout: Duration
        public var connectTimeout: Duration
        public var concurrency: Int
        public var perEndpointBatch: Int
        public var pollInterval: Duration
        /// An endpoint failing this long without a single success is disabled.
        public var disableAfter: Duration
        /// Attempts are kept this long.
        public var attemptRetention: Duration
        /// This worker's name on its claims: stable across restarts of one instance, unique among instances.
        public var instanceID: String
        /// How long a claim holds without renewal; the worker renews its claims every third of it.
        public var claimLease: Duration

        public init(
            schedule: RetrySchedule = .standard, timeout: Duration = .seconds(15), connectTimeout: Duration = .seconds(5),
            concurrency: Int = 8, perEndpointBatch: Int = 50, pollInterval: Duration = .milliseconds(250),
            disableAfter: Duration = .seconds(5 * 24 * 3600), attemptRetention: Duration = .seconds(30 * 24 * 3600),
            instanceID: String = "engage", claimLease: Duration = .seconds(60)
        ) {
            self.schedule = schedule
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.concurrency = concurrency
            self.perEndpointBatch = perEndpointBatch
            self.pollInterval = pollInterval
            self.disableAfter = disableAfter
            self.attemptRetention = attemptRetention
            self.instanceID = instanceID
            self.claimLease = claimLease
        }
    }

    let store: any WebhookRepository
    let transport: any HTTPTransport
    let policy: TargetPolicy
    let settings: Settings
    let logger: Logger
    /// Called as shutdown begins, so transfers in flight stop at once.
    let onShutdown: @Sendable () -> Void

    public init(
        store: any WebhookRepository, transport: any HTTPTransport, policy: TargetPolicy, settings: Settings, logger: Logger,
        onShutdown: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.transport = transport
        self.policy = policy
        self.settings = settings
        self.logger = logger
        self.onShutdown = onShutdown
    }

    // MARK: Service

    public func run() async throws {
        try await store.releaseClaims(owner: settings.instanceID)
        try await withGracefulShutdownHandler {
            try await cancelWhenGracefulShutdown { await loop() }
        } onGracefulShutdown: {
            onShutdown()
        }
    }

    /// A timer's slot in the task group (no endpoint has an empty ID).
    private static let tick = WebhookEndpointID(unchecked: "")

    private func loop() async {
        var lastPurge = ContinuousClock.now - .seconds(3600)
        var lastRenewal = ContinuousClock.now
        await withTaskGroup(of: WebhookEndpointID.self) { group in
            var busy = Set<WebhookEndpointID>()
            var ticking = false
            while !Task.isCancelled {
                if ContinuousClock.now - lastPurge >= .seconds(3600) {
                    lastPurge = ContinuousClock.now
                    await purge()
                }
                if ContinuousClock.now - lastRenewal >= settings.claimLease / 3 {
                    lastRenewal = ContinuousClock.now
                    await renew(busy)
                }
                let free = settings.concurrency - busy.count
                if free > 0 {
                    do {
                        let claimed = try await store.claimDue(
                            owner: settings.instanceID, now: Date(), excluding: busy, endpoints: free,
                            perEndpoint: settings.perEndpointBatch, lease: settings.claimLease)
                        for (endpoint, deliveries) in claimed {
                            busy.insert(endpoint)
                            group.addTask { await deliverAll(deliveries); return endpoint }
                        }
                    } catch {
                        if Task.isCancelled || error is CancellationError { break }  // shutting down, not a failure
                        logger.error("webhook queue unavailable", metadata: ["error": "\(error)"])
                    }
                }
                if !ticking {
                    ticking = true
                    let interval = settings.pollInterval
                    group.addTask { try? await Task.sleep(for: interval); return Self.tick }
                }
                guard let finished = await group.next() else { break }
                if finished == Self.tick { ticking = false } else { busy.remove(finished) }
            }
            group.cancelAll()
        }
    }

    /// The heartbeat: the claims of endpoints still being worked hold for another lease.
    private func renew(_ busy: Set<WebhookEndpointID>) async {
        guard !busy.isEmpty else { return }
        do {
            let now = Date()
            try await store.renewClaims(
                owner: settings.instanceID, endpoints: busy, until: now.addingTimeInterval(Double(settings.claimLease.components.seconds)), now: now)
        } catch {
            if Task.isCancelled || error is CancellationError { return }
            logger.error("could not renew webhook claims", metadata: ["error": "\(error)"])
        }
    }

    private func purge() async {
        do {
            let cutoff = Date().addingTimeInterval(-Double(settings.attemptRetention.components.seconds))
            let purged = try await store.purgeAttempts(before: cutoff)
            if purged > 0 { logger.info("purged old webhook attempts", metadata: ["attempts": "\(purged)"]) }
        } catch {
            if Task.isCancelled || error is CancellationError { return }  // shutting down, not a failure
            logger.error("could not purge webhook attempts", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Delivery

    /// One endpoint's deliveries, in order; stops when cancelled (the claims come back at the next start,
    /// or to another instance when their lease runs out).
    ///
    /// A success is recorded while the next delivery goes out: it changes neither the endpoint's address
    /// nor whether it is enabled, which is all the next check reads (on SQLite the lanes' records then
    /// share one sync). Records still land in the order their attempts were made, each after the one
    /// before (a failure's record reads the failing streak a success ends), and any other outcome is
    /// committed before the next check, since it may unsubscribe or disable the endpoint.
    private func deliverAll(_ deliveries: [DueDelivery]) async {
        await withTaskGroup(of: Void.self) { recording in
            for delivery in deliveries {
                if Task.isCancelled { break }
                // The owner may have deleted, disabled or re-pointed the endpoint since the claim:
                // nothing more goes to the old address (the rest come back, with the new one, when their lease runs out).
                guard let endpoint = try? await store.endpoint(delivery.endpointID), endpoint.enabled, endpoint.url == delivery.url else { break }
                guard let made = await attempt(delivery) else { break }  // shutting down: left for the next start
                await recording.waitForAll()
                if made.outcome == .succeeded {
                    recording.addTask { await record(made, of: delivery) }
                } else {
                    await record(made, of: delivery)
                }
            }
        }
    }

    /// An attempt made and not yet recorded.
    private struct MadeAttempt: Sendable {
        var attempt: WebhookDelivery.Attempt
        var outcome: AttemptOutcome
    }

    /// Sends one delivery and works out the outcome; nil when shutting down aborted the request.
    private func attempt(_ delivery: DueDelivery) async -> MadeAttempt? {
        let started = Date()
        let result: OutboundResult
        // getaddrinfo blocks: resolve on a Dispatch thread, never on the pool that serves requests.
        let policy = self.policy
        let checked = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: policy.check(delivery.url)) }
        }
        switch checked {
        case .failure(let refusal):
            result = OutboundResult(status: nil, error: refusal.reason, duration: .zero)
        case .success(let target):
            let timestamp = Int(started.timeIntervalSince1970)
            let signatures = delivery.secrets.compactMap {
                WebhookSecret.signature(secret: $0, messageID: delivery.messageID.rawValue, timestamp: timestamp, body: delivery.body)
            }
            result = await transport.post(OutboundRequest(
                url: delivery.url,
                headers: [
                    ("content-type", "application/json"),
                    ("webhook-id", delivery.messageID.rawValue),
                    ("webhook-timestamp", String(timestamp)),
                    ("webhook-signature", signatures.joined(separator: " ")),
                ],
                body: delivery.body, timeout: settings.timeout, connectTimeout: settings.connectTimeout, resolve: target.pins))
        }
        if result.error?.hasPrefix("aborted") == true { return nil }
        let outcome = Self.outcome(of: result, attemptsMade: delivery.attemptCount + 1, schedule: settings.schedule, now: Date())
        let attempt = WebhookDelivery.Attempt(
            at: started, durationMilliseconds: result.duration.wholeMilliseconds,
            responseStatus: result.status, error: result.error,
            responseBody: result.body.isEmpty ? nil : String(decoding: result.body.prefix(2048), as: UTF8.self))
        return MadeAttempt(attempt: attempt, outcome: outcome)
    }

    /// Commits an attempt and its outcome; a failure to record is logged (the claim's lease brings the delivery back).
    private func record(_ made: MadeAttempt, of delivery: DueDelivery) async {
        do {
            // The attempt has been made: its record lands even when shutdown has cancelled the lane
            // (PostgreSQL's pool gives a cancelled task no connection), so it does not go out again at the next start.
            try await Task {
                try await self.store.record(delivery, attempt: made.attempt, outcome: made.outcome, disableAfter: self.settings.disableAfter, now: Date())
            }.value
        } catch {
            logger.error("could not record a webhook attempt", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
        if made.outcome != .succeeded {
            logger.notice("webhook attempt failed", metadata: [
                "delivery": "\(delivery.id)", "endpoint": "\(delivery.endpointID)",
                "status": "\(made.attempt.responseStatus.map(String.init) ?? "-")", "error": "\(made.attempt.error ?? "-")",
            ])
        }
    }

    /// 2xx succeeds; 410 unsubscribes; 429 and 503 wait as long as Retry-After says; anything else,
    /// a timeout or a connection error follows the schedule until no attempt is left.
    static func outcome(of result: OutboundResult, attemptsMade: Int, schedule: RetrySchedule, now: Date) -> AttemptOutcome {
        if let status = result.status, (200..<300).contains(status) { return .succeeded }
        if result.status == 410 { return .gone }
        guard let delay = schedule.delay(after: attemptsMade) else { return .failed }
        if let status = result.status, status == 429 || status == 503, let header = result.headers["retry-after"],
           let wait = retryAfter(header, now: now) {
            // Never sooner than the schedule: a `Retry-After: 0` must not burn through the attempts.
            let scheduled = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            return .retry(at: now.addingTimeInterval(min(max(wait, scheduled), 24 * 3600)))
        }
        return .retry(at: now.addingTimeInterval(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18))
    }

    /// `Retry-After` as seconds from now: a number of seconds or an HTTP date.
    static func retryAfter(_ header: String, now: Date) -> TimeInterval? {
        let text = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSince(now)) }
    }
}
