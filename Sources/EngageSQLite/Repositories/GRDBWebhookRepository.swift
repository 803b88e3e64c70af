import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `WebhookRepository`.
public struct GRDBWebhookRepository: WebhookRepository {
    private let writer: GroupCommitWriter
    private let seal: ResponseSeal
    private let renderer: any NotificationRenderer

    public init(_ database: AppDatabase, seal: ResponseSeal, renderer: any NotificationRenderer) {
        writer = database.writer
        self.seal = seal
        self.renderer = renderer
    }

    // MARK: Endpoints

    /// A stakeholder may hold this many endpoints.
    public static let endpointsPerStakeholder = 5

    public func createEndpoint(_ endpoint: WebhookEndpoint, secret: String) async throws -> WebhookEndpoint {
        let sealed = try seal.seal(signingSecret: secret, endpoint: endpoint.id)
        try await writer.write { db in
            if let owner = endpoint.owner,
               try WebhookEndpointRecord.filter(Column("owner_stakeholder_id") == owner.rawValue).fetchCount(db) >= Self.endpointsPerStakeholder {
                throw DomainError.conflict("\(owner) already has \(Self.endpointsPerStakeholder) webhook endpoints; delete one first")
            }
            try WebhookEndpointRecord(endpoint, secretSealed: sealed).insert(db)
        }
        return endpoint
    }

    public func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint? {
        // One statement, read on the caller's thread: the delivery workers ask before every delivery.
        try await writer.readStatement { db in try Self.fetch(id, in: db)?.model() }
    }

    public func endpoints(ownedBy owner: StakeholderID?, filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookEndpoint> {
        try await writer.read { db in
            var request = WebhookEndpointRecord.all()
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            if let owner { request = request.filter(Column("owner_stakeholder_id") == owner.rawValue) }
            let (records, next) = try request.page(page, order: filter.order, in: db)
            return Page(items: records.map { $0.model() }, next: next)
        }
    }

    public func updateEndpoint(_ id: WebhookEndpointID, with input: WebhookEndpointInput, expectedVersion: Int?, now: Date) async throws -> WebhookEndpoint {
        try await writer.write { db in
            var record = try Self.load(id, expecting: expectedVersion, in: db)
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
            try record.update(db)
            return endpoint
        }
    }

    public func deleteEndpoint(_ id: WebhookEndpointID) async throws {
        try await writer.write { db in
            _ = try Self.load(id, in: db)
            try db.execute(sql: "DELETE FROM webhook_endpoint WHERE id = ?", arguments: [id.rawValue])
        }
    }

    public func rotateSecret(_ id: WebhookEndpointID, to secret: String, previousUntil: Date, now: Date) async throws -> WebhookEndpoint {
        let sealed = try seal.seal(signingSecret: secret, endpoint: id)
        return try await writer.write { db in
            var record = try Self.load(id, in: db)
            record.rotate(to: sealed, previousUntil: previousUntil, now: now)
            try record.update(db)
            return record.model()
        }
    }

    public func enqueueTest(_ id: WebhookEndpointID, data: Data, now: Date) async throws -> WebhookDeliveryID {
        try await writer.write { db in
            let record = try Self.load(id, in: db)
            guard record.enabled else { throw DomainError.conflict("\(id) is disabled; enable it first") }
            guard let message = try Outbox.enqueue(ChangeNotification(type: .test, data: data, concerns: []), now: now, in: db, only: id),
                  let delivery = try String.fetchOne(db, sql: "SELECT id FROM webhook_delivery WHERE message_id = ?", arguments: [message.rawValue]) else {
                throw DomainError.conflict("\(id) could not be queued")
            }
            return WebhookDeliveryID(unchecked: delivery)
        }
    }

    // MARK: Delivery log

    public func deliveries(of endpoint: WebhookEndpointID, statuses: [DeliveryStatus], filter: RecordFilter, page: PageRequest) async throws -> Page<WebhookDelivery> {
        try await writer.read { db in
            _ = try Self.load(endpoint, in: db)
            var request = WebhookDeliveryRecord.filter(Column("endpoint_id") == endpoint.rawValue)
            if !statuses.isEmpty { request = request.filter(statuses.map(\.rawValue).contains(Column("status"))) }
            if let since = filter.updatedSince { request = request.filter(Column("updated_at") >= since) }
            let (records, next) = try request.page(page, order: filter.order, in: db)
            return Page(items: try records.map { try $0.model() }, next: next)
        }
    }

    public func delivery(_ id: WebhookDeliveryID) async throws -> WebhookDelivery? {
        try await writer.read { db in try Self.deliveryWithAttempts(id, in: db) }
    }

    public func redeliver(_ id: WebhookDeliveryID, now: Date) async throws -> WebhookDelivery {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.status, d.claimed_until, e.enabled FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE d.id = ?
                """, arguments: [id.rawValue]) else { throw DomainError.notFound(resource: "webhook delivery", id: id.rawValue) }
            guard row["enabled"] as Bool else { throw DomainError.conflict("its endpoint is disabled; enable it first") }
            if let claimed = row["claimed_until"] as Date?, claimed > now {
                throw DomainError.conflict("\(id) is being delivered right now; look at its attempts in a moment")
            }
            try db.execute(sql: "UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [now, now, id.rawValue])
            return try Self.deliveryWithAttempts(id, in: db)!
        }
    }

    public func recover(_ endpoint: WebhookEndpointID, since: Date, until: Date, now: Date) async throws -> Int {
        try await writer.write { db in
            let record = try Self.load(endpoint, in: db)
            guard record.enabled else { throw DomainError.conflict("\(endpoint) is disabled; enable it first") }
            try db.execute(sql: """
                UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ?, updated_at = ?
                WHERE endpoint_id = ? AND status = 'failed' AND created_at >= ? AND created_at < ?
                """, arguments: [now, now, endpoint.rawValue, since, until])
            return db.changesCount
        }
    }

    // MARK: Worker

    public func claimDue(
        owner: String, now: Date, excluding busy: Set<WebhookEndpointID>, endpoints: Int, perEndpoint: Int, lease: Duration
    ) async throws -> [WebhookEndpointID: [DueDelivery]] {
        guard endpoints > 0 else { return [:] }
        let held = now.addingTimeInterval(Double(lease.components.seconds))
        return try await writer.write { db in
            // Each endpoint's oldest due deliveries, capped per endpoint in SQL (through the index of pending
            // deliveries by endpoint, so the cost of a claim does not grow with the backlog), so one endpoint's
            // backlog never crowds the others out of the batch.
            let busyList = busy.map(\.rawValue)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id, d.endpoint_id, d.message_id, d.attempt_count, e.url, e.secret_sealed, e.previous_secret_sealed,
                       e.previous_secret_expires_at, m.body
                FROM webhook_endpoint e
                CROSS JOIN webhook_delivery d  -- CROSS: SQLite keeps the endpoints as the outer loop
                JOIN notification_message m ON m.id = d.message_id
                WHERE e.enabled = 1 AND e.needs_rotation = 0 AND e.id NOT IN (SELECT value FROM json_each(?))
                  -- One worker at a time per endpoint, so its messages go out in order: none another holds.
                  AND e.id NOT IN (
                      SELECT endpoint_id FROM webhook_delivery WHERE claimed_by IS NOT NULL AND claimed_by <> ? AND claimed_until > ?)
                  AND d.id IN (
                      SELECT id FROM webhook_delivery
                      WHERE endpoint_id = e.id AND status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                      ORDER BY next_attempt_at, seq LIMIT ?)
                ORDER BY d.next_attempt_at, d.seq
                """), arguments: [JSONText.encode(busyList), owner, now, now, now, perEndpoint])
            var claimed: [WebhookEndpointID: [DueDelivery]] = [:]
            var unopenable = Set<WebhookEndpointID>()
            for row in rows {
                let endpoint = WebhookEndpointID(unchecked: row["endpoint_id"])
                if busy.contains(endpoint) { continue }
                if claimed[endpoint] == nil && claimed.count >= endpoints { continue }
                if claimed[endpoint, default: []].count >= perEndpoint { continue }
                if unopenable.contains(endpoint) { continue }
                var secrets: [String] = []
                do {
                    secrets.append(try seal.openSigningSecret(row["secret_sealed"], endpoint: endpoint))
                    if let previous = row["previous_secret_sealed"] as Data?, let until = row["previous_secret_expires_at"] as Date?, until > now {
                        secrets.append(try seal.openSigningSecret(previous, endpoint: endpoint))
                    }
                } catch {
                    // Sealed under another server secret: this endpoint waits for a rotation, the others go on.
                    unopenable.insert(endpoint)
                    claimed[endpoint] = nil
                    continue
                }
                claimed[endpoint, default: []].append(DueDelivery(
                    id: WebhookDeliveryID(unchecked: row["id"]), endpointID: endpoint, url: row["url"], secrets: secrets,
                    messageID: MessageID(unchecked: row["message_id"]), body: Data((row["body"] as String).utf8), attemptCount: row["attempt_count"],
                    claimedBy: owner))
            }
            for delivery in claimed.values.joined() {
                try db.execute(sql: "UPDATE webhook_delivery SET claimed_until = ?, claimed_by = ? WHERE id = ?",
                               arguments: [held, owner, delivery.id.rawValue])
            }
            for endpoint in unopenable {
                try db.execute(sql: "UPDATE webhook_endpoint SET needs_rotation = 1 WHERE id = ?", arguments: [endpoint.rawValue])
            }
            return claimed
        }
    }

    public func record(_ delivery: DueDelivery, attempt: WebhookDelivery.Attempt, outcome: AttemptOutcome, disableAfter: Duration, now: Date) async throws {
        try await writer.write { db in
            try db.executeCached("""
                INSERT INTO webhook_attempt (delivery_id, at, duration_ms, response_status, error, response_body) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [delivery.id.rawValue, StoredDate(attempt.at), attempt.durationMilliseconds, attempt.responseStatus, attempt.error,
                                 attempt.responseBody])
            let (status, next): (DeliveryStatus, Date?) = switch outcome {
            case .succeeded: (.succeeded, nil)
            case .retry(let at): (.pending, at)
            case .failed, .gone: (.failed, nil)
            }
            try db.executeCached("""
                UPDATE webhook_delivery SET status = ?, next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL, attempt_count = attempt_count + 1, updated_at = ?
                WHERE id = ? AND (claimed_by IS NULL OR claimed_by = ?)
                """, arguments: [status.rawValue, next.map(StoredDate.init), StoredDate(now), delivery.id.rawValue, delivery.claimedBy])
            guard db.changesCount > 0 else { return }  // the claim passed to another worker: its state is theirs
            switch outcome {
            case .succeeded:
                // The common case, in one statement: reading the row and writing all of it back was a
                // third of the delivery workers' time. An endpoint deleted meanwhile matches no row.
                try db.executeCached(
                    "UPDATE webhook_endpoint SET failing_since = NULL, last_success_at = ? WHERE id = ?",
                    arguments: [StoredDate(now), delivery.endpointID.rawValue])
            case .gone:
                guard var endpoint = try Self.fetch(delivery.endpointID, in: db) else { return }  // deleted meanwhile
                try disable(&endpoint, reason: "the receiver answered 410 Gone", now: now, in: db)
            case .retry, .failed:
                guard var endpoint = try Self.fetch(delivery.endpointID, in: db) else { return }
                let since = endpoint.failingSince ?? now
                endpoint.failingSince = since
                if now.timeIntervalSince(since) >= Double(disableAfter.components.seconds) {
                    try disable(&endpoint, reason: "no successful delivery since \(Timestamp.format(since))", now: now, in: db)
                } else {
                    try endpoint.update(db)
                }
            }
        }
    }

    public func renewClaims(owner: String, endpoints: Set<WebhookEndpointID>, until: Date, now: Date) async throws -> Int {
        guard !endpoints.isEmpty else { return 0 }
        return try await writer.write { db in
            try db.execute(sql: """
                UPDATE webhook_delivery SET claimed_until = ?
                WHERE claimed_by = ? AND claimed_until > ? AND endpoint_id IN (SELECT value FROM json_each(?))
                """, arguments: [until, owner, now, JSONText.encode(endpoints.map(\.rawValue))])
            return db.changesCount
        }
    }

    public func releaseClaims(owner: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE webhook_delivery SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = ?", arguments: [owner])
        }
    }

    public func purgeAttempts(before cutoff: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM webhook_attempt WHERE at < ?", arguments: [cutoff])
            let attempts = db.changesCount
            // Finished deliveries and the messages no delivery needs any more go too: payloads can
            // carry participants' names and e-mails, and are kept no longer than the attempts.
            try db.execute(sql: "DELETE FROM webhook_delivery WHERE status <> 'pending' AND updated_at < ?", arguments: [cutoff])
            try db.execute(sql: """
                DELETE FROM notification_message WHERE created_at < ?
                AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.message_id = notification_message.id)
                """, arguments: [cutoff])
            return attempts
        }
    }

    // MARK: Helpers

    /// Disables an endpoint, fails what was still pending for it (releasing their claims, so a requeue
    /// after it is enabled again goes out at once), and tells staff endpoints.
    private func disable(_ record: inout WebhookEndpointRecord, reason: String, now: Date, in db: Database) throws {
        guard record.enabled else { return }
        var endpoint = record.model()
        endpoint.enabled = false
        endpoint.disabledReason = reason
        endpoint.updatedAt = now
        endpoint.version += 1
        record.apply(endpoint)
        try record.update(db)
        try db.execute(sql: """
            UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL, claimed_until = NULL, claimed_by = NULL, updated_at = ?
            WHERE endpoint_id = ? AND status = 'pending'
            """, arguments: [now, record.id])
        try Outbox.enqueue(ChangeNotification(type: .endpointDisabled, data: renderer.render(endpoint), concerns: []), now: now, in: db)
    }

    private static func fetch(_ id: WebhookEndpointID, in db: Database) throws -> WebhookEndpointRecord? {
        try WebhookEndpointRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM webhook_endpoint WHERE id = ?"), arguments: [id.rawValue])
    }

    private static func load(_ id: WebhookEndpointID, expecting version: Int? = nil, in db: Database) throws -> WebhookEndpointRecord {
        guard let record = try fetch(id, in: db) else { throw DomainError.notFound(resource: "webhook endpoint", id: id.rawValue) }
        if let version, version != record.version { throw DomainError.preconditionFailed }
        return record
    }

    private static func deliveryWithAttempts(_ id: WebhookDeliveryID, in db: Database) throws -> WebhookDelivery? {
        guard let record = try WebhookDeliveryRecord.filter(Column("id") == id.rawValue).fetchOne(db) else { return nil }
        var delivery = try record.model()
        delivery.attempts = try Row.fetchAll(db, sql: "SELECT * FROM webhook_attempt WHERE delivery_id = ? ORDER BY seq", arguments: [id.rawValue]).map {
            WebhookDelivery.Attempt(at: $0["at"], durationMilliseconds: $0["duration_ms"], responseStatus: $0["response_status"],
                                    error: $0["error"], responseBody: $0["response_body"])
        }
        return delivery
    }
}
