import EngageDomain
import EngageNotifications
import EngageCore
import Foundation
import Hummingbird

/// `/v1/webhook-endpoints` and `/v1/webhook-deliveries`: subscriptions, their secrets and the delivery log.
///
/// Staff endpoints see every notification of their types; a stakeholder's own endpoint (created
/// with its access token) only what concerns it. API keys may read every endpoint; staff and the
/// owning stakeholder may change one.
struct WebhookController: Sendable {
    let repository: any WebhookRepository
    /// To refuse a suspended organisation's new endpoints.
    let stakeholders: any StakeholderRepository
    let policy: TargetPolicy
    let clock: TimeSource

    /// How long a rotated-out secret keeps signing, alongside the new one.
    static let rotationOverlap: TimeInterval = 24 * 3600

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/webhook-event-types", use: eventTypes)
        router.post("/v1/webhook-endpoints", use: create)
        router.get("/v1/webhook-endpoints", use: list)
        router.get("/v1/webhook-endpoints/:id", use: show)
        router.patch("/v1/webhook-endpoints/:id", use: update)
        router.delete("/v1/webhook-endpoints/:id", use: delete)
        router.post("/v1/webhook-endpoints/:id/rotate-secret", use: rotateSecret)
        router.post("/v1/webhook-endpoints/:id/test", use: test)
        router.post("/v1/webhook-endpoints/:id/recover", use: recover)
        router.get("/v1/webhook-endpoints/:id/deliveries", use: deliveries)
        router.get("/v1/webhook-deliveries/:id", use: delivery)
        router.post("/v1/webhook-deliveries/:id/redeliver", use: redeliver)
    }

    // MARK: Event types

    @Sendable func eventTypes(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let types = NotificationType.allCases.map {
            WebhookEventTypeResponse(type: $0.rawValue, description: $0.summary, sentToStakeholders: $0.isOpenToStakeholders)
        }
        return try JSONResponse.make(ListResponse(data: types, next: nil))
    }

    // MARK: Endpoints

    /// Staff create endpoints that see everything of their types; a stakeholder, with its token, its own.
    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let owner: StakeholderID?
        switch context.principal {
        case .anonymous: throw Problem.unauthorized("use a staff key, or a stakeholder's access token for its own endpoint")
        case .stakeholder(let id):
            if let refusal = try await stakeholders.find(id)?.selfServiceRefusal("create webhook endpoints") { throw Problem.forbidden(refusal) }
            owner = id
        case .apiKey: try context.requireStaff(); owner = nil
        }
        let input = try WebhookEndpointInput.parse(
            try await RequestBody.json(request, context: context), creating: true, forStakeholder: owner != nil,
            checkURL: policy.subscriptionRefusal)
        let now = clock.now()
        let secret = WebhookSecret.generate()
        let endpoint = try await repository.createEndpoint(WebhookEndpoint(
            url: input.url ?? "", description: input.description?.value, eventTypes: input.eventTypes ?? [], owner: owner,
            enabled: input.enabled ?? true, disabledReason: input.enabled == false ? "disabled by its owner" : nil,
            createdBy: context.principal.actor, createdAt: now, updatedAt: now), secret: secret)
        return try JSONResponse.withSecret(WebhookEndpointResponse(endpoint, secret: secret), headers: [
            .location: "/v1/webhook-endpoints/\(endpoint.id)", .eTag: WebhookEndpointResponse.etag(endpoint),
        ])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let requested = query.identifier("stakeholder_id", StakeholderID.self)
        let filter = query.recordFilter()
        let page = query.page()
        try query.check()
        let owner = try context.listScope(requested: requested)
        let endpoints = try await repository.endpoints(ownedBy: owner, filter: filter, page: page)
        let visible = endpoints.items.filter { Self.maySee($0, context) }
        return try JSONResponse.make(ListResponse(data: visible.map { WebhookEndpointResponse($0) }, next: query.next(endpoints.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await visible(context)
        let etag = WebhookEndpointResponse.etag(endpoint)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(WebhookEndpointResponse(endpoint), headers: [.eTag: etag])
    }

    /// Merge-patch of `url`, `event_types`, `description`, `enabled`; honours If-Match.
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await managed(context)
        let input = try WebhookEndpointInput.parse(
            try await RequestBody.json(request, context: context, mergePatch: true), creating: false, forStakeholder: endpoint.owner != nil,
            checkURL: policy.subscriptionRefusal)
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.updateEndpoint(endpoint.id, with: input, expectedVersion: expected, now: clock.now())
        return try JSONResponse.make(WebhookEndpointResponse(updated), headers: [.eTag: WebhookEndpointResponse.etag(updated)])
    }

    @Sendable func delete(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await managed(context)
        try await repository.deleteEndpoint(endpoint.id)
        return Response(status: .noContent)
    }

    /// A new secret, shown once; the old one keeps signing alongside it for 24 hours.
    @Sendable func rotateSecret(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await managed(context)
        try Self.requireEmptyBody(try await RequestBody.optionalJSON(request, context: context))
        let secret = WebhookSecret.generate()
        let now = clock.now()
        let rotated = try await repository.rotateSecret(endpoint.id, to: secret, previousUntil: now.addingTimeInterval(Self.rotationOverlap), now: now)
        return try JSONResponse.withSecret(WebhookEndpointResponse(rotated, secret: secret), status: .ok,
                                           headers: [.eTag: WebhookEndpointResponse.etag(rotated)])
    }

    /// Queues a `webhook.test` message to this endpoint alone (202).
    @Sendable func test(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await managed(context)
        try Self.requireEmptyBody(try await RequestBody.optionalJSON(request, context: context))
        let now = clock.now()
        let data = try JSONEncoder.api.encode(TestPayload(endpointId: endpoint.id.rawValue, message: "Test message from Engage", sentAt: now))
        let deliveryID = try await repository.enqueueTest(endpoint.id, data: data, now: now)
        guard let delivery = try await repository.delivery(deliveryID) else { throw DomainError.notFound(resource: "webhook delivery", id: deliveryID.rawValue) }
        return try JSONResponse.make(WebhookDeliveryResponse(delivery, withAttempts: false), status: .accepted, headers: [
            .location: "/v1/webhook-deliveries/\(deliveryID)",
        ])
    }

    /// Re-queues the failed deliveries created in [since, until) (202).
    @Sendable func recover(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await managed(context)
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let since = reader.timestamp("since", required: true)
        let until = reader.timestamp("until")
        reader.rejectUnknownFields()
        let now = clock.now()
        if let since, since > (until ?? now) { reader.fail("since", "must be before until (or now)") }
        guard reader.errors.isEmpty, let since else { throw DomainError.validation(reader.errors) }
        let count = try await repository.recover(endpoint.id, since: since, until: until ?? now.addingTimeInterval(1), now: now)
        return try JSONResponse.make(RecoverResponse(requeued: count), status: .accepted)
    }

    // MARK: Deliveries

    @Sendable func deliveries(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let endpoint = try await visible(context)
        var query = QueryReader(request, context)
        let statuses = query.enumerations("status", DeliveryStatus.self)
        let filter = query.recordFilter()
        let page = query.page()
        try query.check()
        let deliveries = try await repository.deliveries(of: endpoint.id, statuses: statuses, filter: filter, page: page)
        return try JSONResponse.make(ListResponse(data: deliveries.items.map { WebhookDeliveryResponse($0, withAttempts: false) }, next: query.next(deliveries.next)))
    }

    @Sendable func delivery(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let delivery = try await visibleDelivery(context)
        return try JSONResponse.make(WebhookDeliveryResponse(delivery, withAttempts: true))
    }

    /// Sends a delivery again now, as one more attempt (202).
    @Sendable func redeliver(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let delivery = try await visibleDelivery(context)
        try requireManager(context)
        try Self.requireEmptyBody(try await RequestBody.optionalJSON(request, context: context))
        let queued = try await repository.redeliver(delivery.id, now: clock.now())
        return try JSONResponse.make(WebhookDeliveryResponse(queued, withAttempts: true), status: .accepted)
    }

    // MARK: Access

    /// The endpoint in the path, if the caller may see it; 404 otherwise.
    private func visible(_ context: EngageRequestContext) async throws -> WebhookEndpoint {
        let id = try context.identifier("id", as: WebhookEndpointID.self, resource: "webhook endpoint")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the owning stakeholder's access token") }
        guard let endpoint = try await repository.endpoint(id), Self.maySee(endpoint, context) else {
            throw DomainError.notFound(resource: "webhook endpoint", id: id.rawValue)
        }
        return endpoint
    }

    /// The endpoint in the path, if the caller may change it (staff, or its owner).
    private func managed(_ context: EngageRequestContext) async throws -> WebhookEndpoint {
        let endpoint = try await visible(context)
        try requireManager(context)
        // A suspended organisation sees its endpoints but changes nothing (re-pointing, re-enabling, rotating, testing).
        if case .stakeholder(let id) = context.principal,
           let refusal = try await stakeholders.find(id)?.selfServiceRefusal("manage its webhook endpoints") {
            throw Problem.forbidden(refusal)
        }
        return endpoint
    }

    private func requireManager(_ context: EngageRequestContext) throws {
        if case .apiKey = context.principal { try context.requireStaff() }
    }

    private func visibleDelivery(_ context: EngageRequestContext) async throws -> WebhookDelivery {
        let id = try context.identifier("id", as: WebhookDeliveryID.self, resource: "webhook delivery")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the owning stakeholder's access token") }
        guard let delivery = try await repository.delivery(id), let endpoint = try await repository.endpoint(delivery.endpointID),
              Self.maySee(endpoint, context) else {
            throw DomainError.notFound(resource: "webhook delivery", id: id.rawValue)
        }
        return delivery
    }

    /// A stakeholder's endpoint (its URL may be a capability, its log shows the receiver's answers)
    /// is for its owner and staff; staff endpoints for every API key.
    private static func maySee(_ endpoint: WebhookEndpoint, _ context: EngageRequestContext) -> Bool {
        if let owner = endpoint.owner { return context.principal.isStaff || context.principal.isStakeholder(owner) }
        return context.principal.canReadPrivateData
    }

    private static func requireEmptyBody(_ body: JSONValue) throws {
        var reader = ObjectReader(body)
        reader.rejectUnknownFields()
        if !reader.errors.isEmpty { throw DomainError.validation(reader.errors) }
    }
}

/// The `data` of a `webhook.test` message.
struct TestPayload: Encodable, Sendable {
    var endpointId: String
    var message: String
    var sentAt: Date
}

/// The answer to a recovery request.
struct RecoverResponse: Encodable, Sendable {
    var requeued: Int
}
