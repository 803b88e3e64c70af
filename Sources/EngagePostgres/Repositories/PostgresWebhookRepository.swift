import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `WebhookRepository`.
///
/// Several instances share the queue, each running a delivery worker. A worker claims deliveries
/// `FOR NO KEY UPDATE OF d SKIP LOCKED`, so two workers never claim the same delivery nor wait on each
/// other, and a claim is never taken from a worker whose lease is still live. Every change that
/// rests on an endpoint's state (its health, `enabled`, its owner's endpoint count) locks the
/// endpoint (or the owning stakeholder) `FOR NO KEY UPDATE` first; locks are always taken endpoint first,
/// then its deliveries, so the worker and API requests cannot deadlock on each other.
struct PostgresWebhookRepository: WebhookRepository {
    private let database: PostgresDatabase
    private let seal: ResponseSeal
    private let renderer: any NotificationRenderer

    /// `seal` seals and opens signing secrets; `renderer` writes the `endpoint.disabled` payloads.
    init(_ database: PostgresDatabase, seal: ResponseSeal, renderer: any NotificationRenderer) {
        self.database = database
        self.seal = seal
        self.renderer = renderer
    }

    // MARK: Endpoints

    /// A stakeholder may hold this many endpoints.
    static let endpointsPerStakeholder = 5

    func createEndpoint(_ endpoint: WebhookEndpoint, secret: String) async throws -> WebhookEndpoint {
        let sealed = try seal.seal(signingSecret: secret, endpoint: endpoint.id)
        try await database.write { db in
            if let owner = endpoint.owner {
                // The owner is locked before its endpoints are counted, so two instances cannot both add the last one.
                try await db.raw("SELECT id FROM stakeholder WHERE id = \(bind: owner.rawValue) FOR NO KEY UPDATE").run()
                let count = try await db.raw("SELECT count(*) AS n FROM webhook_endpoint WHERE owner_stakeholder_id = \(bind: owner.rawValue)")
                    .first()?.decode(column: "n", as: Int.self) ?? 0
                if count >= Self.endpointsPerStakeholder {
                    throw DomainError.conflict("\(owner) already has \(Self.endpointsPerStakeholder) webhook endpoints; delete one first")
                }
            }
            try await WebhookEndpointRecord(endpoint, secretSealed: sealed).insert(in: db)
        }
        return endpoint
    }

    func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint? {
        try await database.read { db in try await WebhookEndpointRecord.find(id.rawValue, in: db)?.model() }
    }

    func endpoints(ownedBy owner: StakeholderID?, filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookEndpoint> {
        try await database.read { db in
            var condition: SQLQueryString = if let owner { "owner_stakeholder_id = \(bind: owner.rawValue)" } else { "TRUE" }
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            let (records, next) = try await WebhookEndpointRecord.page(where: condition, order: filter.order, page, in: db)
            return Page(items: records.map { $0.model() }, next: next)
        }
    }

    func updateEndpoint(_ id: WebhookEndpointID, with input: WebhookEndpointInput, expectedVersion: Int?, now: Date) async throws -> WebhookEndpoint {
        try await database.write { db in
            var record = try await Self.load(id, expecting: expectedVersion, in: db)
            var endpoint = record.model()
            let before = endpoint
            if let url = input.url { endpoint.url = url }
            if let types = input.eventTypes { endpoint.eventTypes = types }
            if let description = input.description { endpoint.description = description.value }
            if let enabled = input.enabled {
                endpoint.enabled = enabled
                if enabled {
                    endpoint.disabledReason = nil
                    record.failingSince = nil
                } else if before.enabled {
                    endpoint.disabledReason = "disabled by its owner"
                }
            }
            guard endpoint != before else { return before }
            endpoint.updatedAt = now
            endpoint.version += 1
            record.apply(endpoint)
            try await record.update(in: db)
            return endpoint
        }
    }

    func deleteEndpoint(_ id: WebhookEndpointID) async throws {
        try await database.write { db in
            _ = try await Self.load(id, in: db)
            try await db.raw("DELETE FROM webhook_endpoint WHERE id = \(bind: id.rawValue)").run()
        }
    }

    func rotateSecret(_ id: WebhookEndpointID, to secret: String, previousUntil: Date, now: Date) async throws -> WebhookEndpoint {
        let sealed = try seal.seal(signingSecret: secret, endpoint: id)
        return try await database.write { db in
            var record = try await Self.load(id, in: db)
            record.rotate(to: sealed, previousUntil: previousUntil, now: now)
            try await record.update(in: db)
            return record.model()
        }
    }

    func enqueueTest(_ id: WebhookEndpointID, data: Data, now: Date) async throws -> WebhookDeliveryID {
        try await database.write { db in
            let record = try await Self.load(id, in: db)
            guard record.enabled else { throw DomainError.conflict("\(id) is disabled; enable it first") }
            guard let message = try await PostgresOutbox.enqueue(ChangeNotification(type: .test, data: data, concerns: []), now: now, in: db, only: id),
                  let delivery = try await db.raw("SELECT id FROM webhook_delivery WHERE message_id = \(bind: message.rawValue)")
                      .first()?.decode(column: "id", as: String.self) else {
                throw DomainError.conflict("\(id) could not be queued")
            }
            return WebhookDeliveryID(unchecked: delivery)
        }
    }

    // MARK: Delivery log

    func deliveries(of endpoint: WebhookEndpointID, statuses: [DeliveryStatus], filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookDelivery> {
        try await database.read { db in
            guard try await WebhookEndpointRecord.find(endpoint.rawValue, in: db) != nil else {
                throw DomainError.notFound(resource: "webhook endpoint", id: endpoint.rawValue)
            }
            var condition: SQLQueryString = "endpoint_id = \(bind: endpoint.rawValue)"
            if !statuses.isEmpty { condition += " AND status = ANY(\(bind: statuses.map(\.rawValue)))" }
            if let since = filter.updatedSince { condition += " AND updated_at >= \(bind: since)" }
            let (records, next) = try await WebhookDeliveryRecord.page(where: condition, order: filter.order, page, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    func delivery(_ id: WebhookDeliveryID) async throws -> WebhookDelivery? {
        try await database.read { db in try await Self.deliveryWithAttempts(id, in: db) }
    }

    func redeliver(_ id: WebhookDeliveryID, now: Date) async throws -> WebhookDelivery {
        try await database.write { db in
            let notFound = DomainError.notFound(resource: "webhook delivery", id: id.rawValue)
            // The endpoint is locked before the delivery (the order every writer here follows), so it cannot be
            // disabled meanwhile, and the delivery is locked so no worker claims it between the check and the update.
            guard let endpointID = try await db.raw("SELECT endpoint_id FROM webhook_delivery WHERE id = \(bind: id.rawValue)")
                .first()?.decode(column: "endpoint_id", as: String.self) else { throw notFound }
            guard let endpoint = try await WebhookEndpointRecord.find(endpointID, lock: true, in: db),
                  let row = try await db.raw("SELECT claimed_until FROM webhook_delivery WHERE id = \(bind: id.rawValue) FOR NO KEY UPDATE").first()
            else { throw notFound }
            guard endpoint.enabled else { throw DomainError.conflict("its endpoint is disabled; enable it first") }
            if let claimed = try row.decode(column: "claimed_until", as: Date?.self), claimed > now {
                throw DomainError.conflict("\(id) is being delivered right now; look at its attempts in a moment")
            }
            try await db.raw("""
                UPDATE webhook_delivery SET status = 'pending', next_attempt_at = \(bind: now), updated_at = \(bind: now) WHERE id = \(bind: id.rawValue)
                """).run()
            return try await Self.deliveryWithAttempts(id, in: db)!
        }
    }

    func recover(_ endpoint: WebhookEndpointID, since: Date, until: Date, now: Date) async throws -> Int {
        try await database.write { db in
            let record = try await Self.load(endpoint, in: db)
            guard record.enabled else { throw DomainError.conflict("\(endpoint) is disabled; enable it first") }
            return try await db.raw("""
                WITH recovered AS (
                    UPDATE webhook_delivery SET status = 'pending', next_attempt_at = \(bind: now), updated_at = \(bind: now)
                    WHERE endpoint_id = \(bind: endpoint.rawValue) AND status = 'failed' AND created_at >= \(bind: since) AND created_at < \(bind: until)
                    RETURNING id
                )
                SELECT count(*) AS n FROM recovered
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    // MARK: Worker

    func claimDue(
        owner: String, now: Date, excluding busy: Set<WebhookEndpointID>, endpoints: Int, perEndpoint: Int, lease: Duration
    ) async throws -> [WebhookEndpointID: [DueDelivery]] {
        guard endpoints > 0 else { return [:] }
        let held = now.addingTimeInterval(Double(lease.components.seconds))
        return try await database.write { db in
            // Each endpoint's oldest due deliveries, capped per endpoint in SQL, so one endpoint's backlog never
            // crowds the others out of the batch. First the endpoints, locked (SKIP LOCKED: another worker claiming at this moment takes others),
            // those whose oldest due delivery is oldest. Only then, in a second statement whose snapshot
            // begins after those locks are held, the live-claim check and the deliveries: every claimer
            // commits while holding its endpoints' locks, so this one sees every claim made before.
            let endpointRows = try await db.raw("""
                SELECT e.id FROM webhook_endpoint e
                CROSS JOIN LATERAL (
                    SELECT min(d.next_attempt_at) AS due FROM webhook_delivery d
                    WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= \(bind: now)
                      AND (d.claimed_until IS NULL OR d.claimed_until <= \(bind: now))
                ) oldest
                WHERE e.enabled AND NOT e.needs_rotation AND e.id <> ALL(\(bind: busy.map(\.rawValue))) AND oldest.due IS NOT NULL
                ORDER BY oldest.due, e.seq LIMIT \(literal: endpoints)
                FOR NO KEY UPDATE OF e SKIP LOCKED
                """).all()
            let chosen = try endpointRows.map { try $0.decode(column: "id", as: String.self) }
            guard !chosen.isEmpty else { return [:] }
            let rows = try await db.raw("""
                WITH ranked AS (
                    -- Each chosen endpoint's oldest due deliveries, through the index of pending deliveries by
                    -- endpoint: the cost of a claim does not grow with the backlog.
                    SELECT oldest.id FROM unnest(\(bind: chosen)::text[]) AS c(endpoint_id)
                    CROSS JOIN LATERAL (
                        SELECT d.id FROM webhook_delivery d
                        WHERE d.endpoint_id = c.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= \(bind: now)
                          AND (d.claimed_until IS NULL OR d.claimed_until <= \(bind: now))
                        ORDER BY d.next_attempt_at, d.seq LIMIT \(bind: perEndpoint)
                    ) oldest
                    -- One worker at a time per endpoint, so its messages go out in order: none another holds.
                    WHERE c.endpoint_id NOT IN (
                        SELECT o.endpoint_id FROM webhook_delivery o
                        WHERE o.claimed_by IS NOT NULL AND o.claimed_by <> \(bind: owner) AND o.claimed_until > \(bind: now))
                )
                SELECT d.id, d.endpoint_id, d.message_id, d.attempt_count, d.next_attempt_at, d.seq, e.url, e.secret_sealed,
                       e.previous_secret_sealed, e.previous_secret_expires_at, m.body
                FROM webhook_delivery d
                JOIN webhook_endpoint e ON e.id = d.endpoint_id
                JOIN notification_message m ON m.id = d.message_id
                WHERE d.id IN (SELECT id FROM ranked)
                  AND d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until <= \(bind: now))
                ORDER BY d.next_attempt_at, d.seq
                FOR NO KEY UPDATE OF d SKIP LOCKED
                """).all()
            // A row re-evaluated under the lock may come out of order: sort again, oldest first.
            let ordered = try rows.map { row in
                (row, try row.decode(column: "next_attempt_at", as: Date.self), try row.decode(column: "seq", as: Int64.self))
            }.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
            var claimed: [WebhookEndpointID: [DueDelivery]] = [:]
            var unopenable = Set<WebhookEndpointID>()
            for row in ordered {
                let endpoint = WebhookEndpointID(unchecked: try row.decode(column: "endpoint_id", as: String.self))
                if busy.contains(endpoint) { continue }
                if claimed[endpoint] == nil && claimed.count >= endpoints { continue }
                if claimed[endpoint, default: []].count >= perEndpoint { continue }
                if unopenable.contains(endpoint) { continue }
                var secrets: [String] = []
                do {
                    secrets.append(try seal.openSigningSecret(try row.decode(column: "secret_sealed", as: Data.self), endpoint: endpoint))
                    if let previous = try row.decode(column: "previous_secret_sealed", as: Data?.self),
                       let until = try row.decode(column: "previous_secret_expires_at", as: Date?.self), until > now {
                        secrets.append(try seal.openSigningSecret(previous, endpoint: endpoint))
                    }
                } catch is ResponseSeal.Unopenable {
                    // Sealed under another server secret: this endpoint waits for a rotation, the others go on.
                    unopenable.insert(endpoint)
                    claimed[endpoint] = nil
                    continue
                }
                claimed[endpoint, default: []].append(DueDelivery(
                    id: WebhookDeliveryID(unchecked: try row.decode(column: "id", as: String.self)), endpointID: endpoint,
                    url: try row.decode(column: "url", as: String.self), secrets: secrets,
                    messageID: MessageID(unchecked: try row.decode(column: "message_id", as: String.self)),
                    body: Data(try row.decode(column: "body", as: String.self).utf8),
                    attemptCount: try row.decode(column: "attempt_count", as: Int.self), claimedBy: owner))
            }
            if !unopenable.isEmpty {
                try await db.raw("""
                    UPDATE webhook_endpoint SET needs_rotation = true WHERE id = ANY(\(bind: unopenable.map(\.rawValue)))
                    """).run()
            }
            let ids = claimed.values.joined().map(\.id.rawValue)
            if !ids.isEmpty {
                try await db.raw("""
                    UPDATE webhook_delivery SET claimed_until = \(bind: held), claimed_by = \(bind: owner) WHERE id = ANY(\(bind: ids))
                    """).run()
            }
            return claimed
        }
    }

    func record(_ delivery: DueDelivery, attempt: WebhookDelivery.Attempt, outcome: AttemptOutcome, disableAfter: Duration, now: Date) async throws {
        try await database.write { db in
            // The endpoint first (before its delivery, the order every writer here follows), so two workers
            // recording for one endpoint at once, or an owner's change, cannot lose an update of its health.
            let locked = try await WebhookEndpointRecord.find(delivery.endpointID.rawValue, lock: true, in: db)
            try await db.raw("""
                INSERT INTO webhook_attempt (delivery_id, at, duration_ms, response_status, error, response_body)
                VALUES (\(bind: delivery.id.rawValue), \(bind: attempt.at), \(bind: attempt.durationMilliseconds), \(bind: attempt.responseStatus),
                        \(bind: attempt.error), \(bind: attempt.responseBody))
                """).run()
            let (status, next): (DeliveryStatus, Date?) = switch outcome {
            case .succeeded: (.succeeded, nil)
            case .retry(let at): (.pending, at)
            case .failed, .gone: (.failed, nil)
            }
            let settled = try await db.raw("""
                UPDATE webhook_delivery SET status = \(bind: status.rawValue), next_attempt_at = \(bind: next), claimed_until = NULL, claimed_by = NULL,
                    attempt_count = attempt_count + 1, updated_at = \(bind: now)
                WHERE id = \(bind: delivery.id.rawValue) AND (claimed_by IS NULL OR claimed_by = \(bind: delivery.claimedBy))
                RETURNING id
                """).all()
            guard !settled.isEmpty else { return }  // the claim passed to another worker: its state is theirs
            guard var endpoint = locked else { return }  // deleted meanwhile
            switch outcome {
            case .succeeded:
                // The row is locked above; as on SQLite, one statement ends the failing streak and notes the success.
                try await db.raw("""
                    UPDATE webhook_endpoint SET failing_since = NULL, last_success_at = \(bind: now) WHERE id = \(bind: endpoint.id)
                    """).run()
            case .gone:
                try await disable(&endpoint, reason: "the receiver answered 410 Gone", now: now, in: db)
            case .retry, .failed:
                let since = endpoint.failingSince ?? now
                endpoint.failingSince = since
                if now.timeIntervalSince(since) >= Double(disableAfter.components.seconds) {
                    try await disable(&endpoint, reason: "no successful delivery since \(Timestamp.format(since))", now: now, in: db)
                } else {
                    try await endpoint.update(in: db)
                }
            }
        }
    }

    func renewClaims(owner: String, endpoints: Set<WebhookEndpointID>, until: Date, now: Date) async throws -> Int {
        guard !endpoints.isEmpty else { return 0 }
        return try await database.write { db in
            try await db.raw("""
                WITH renewed AS (
                    UPDATE webhook_delivery SET claimed_until = \(bind: until)
                    WHERE claimed_by = \(bind: owner) AND claimed_until > \(bind: now) AND endpoint_id = ANY(\(bind: endpoints.map(\.rawValue)))
                    RETURNING id
                )
                SELECT count(*) AS n FROM renewed
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func releaseClaims(owner: String) async throws {
        try await database.write { db in
            try await db.raw("UPDATE webhook_delivery SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = \(bind: owner)").run()
        }
    }

    func purgeAttempts(before cutoff: Date) async throws -> Int {
        try await database.write { db in
            let attempts = try await db.raw("""
                WITH purged AS (DELETE FROM webhook_attempt WHERE at < \(bind: cutoff) RETURNING seq)
                SELECT count(*) AS n FROM purged
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            // Finished deliveries and the messages no delivery needs any more go too: payloads can
            // carry participants' names and e-mails, and are kept no longer than the attempts.
            try await db.raw("DELETE FROM webhook_delivery WHERE status <> 'pending' AND updated_at < \(bind: cutoff)").run()
            try await db.raw("""
                DELETE FROM notification_message WHERE created_at < \(bind: cutoff)
                AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.message_id = notification_message.id)
                """).run()
            return attempts
        }
    }

    // MARK: Helpers

    /// Disables an endpoint (locked by the caller), fails what was still pending for it (releasing their claims,
    /// so a requeue after it is enabled again goes out at once), and tells staff endpoints.
    private func disable(_ record: inout WebhookEndpointRecord, reason: String, now: Date, in db: any SQLDatabase) async throws {
        guard record.enabled else { return }
        var endpoint = record.model()
        endpoint.enabled = false
        endpoint.disabledReason = reason
        endpoint.updatedAt = now
        endpoint.version += 1
        record.apply(endpoint)
        try await record.update(in: db)
        try await db.raw("""
            UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL, claimed_until = NULL, claimed_by = NULL, updated_at = \(bind: now)
            WHERE endpoint_id = \(bind: record.id) AND status = 'pending'
            """).run()
        try await PostgresOutbox.enqueue(ChangeNotification(type: .endpointDisabled, data: renderer.render(endpoint), concerns: []), now: now, in: db)
    }

    /// The endpoint, locked `FOR NO KEY UPDATE` until the transaction ends (every caller writes, or decides on it);
    /// not found, or `preconditionFailed` when `version` is given and differs.
    private static func load(_ id: WebhookEndpointID, expecting version: Int? = nil, in db: any SQLDatabase) async throws -> WebhookEndpointRecord {
        guard let record = try await WebhookEndpointRecord.find(id.rawValue, lock: true, in: db) else {
            throw DomainError.notFound(resource: "webhook endpoint", id: id.rawValue)
        }
        if let version, version != record.version { throw DomainError.preconditionFailed }
        return record
    }

    /// One delivery with every attempt still kept, oldest first.
    private static func deliveryWithAttempts(_ id: WebhookDeliveryID, in db: any SQLDatabase) async throws -> WebhookDelivery? {
        guard let record = try await WebhookDeliveryRecord.find(id.rawValue, in: db) else { return nil }
        var delivery = try record.model()
        delivery.attempts = try await db.raw("SELECT * FROM webhook_attempt WHERE delivery_id = \(bind: id.rawValue) ORDER BY seq").all().map {
            WebhookDelivery.Attempt(
                at: try $0.decode(column: "at", as: Date.self), durationMilliseconds: try $0.decode(column: "duration_ms", as: Int.self),
                responseStatus: try $0.decode(column: "response_status", as: Int?.self), error: try $0.decode(column: "error", as: String?.self),
                responseBody: try $0.decode(column: "response_body", as: String?.self))
        }
        return delivery
    }
}
