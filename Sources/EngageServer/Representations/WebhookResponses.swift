import EngageDomain
import Foundation

/// A webhook endpoint. The signing secret appears only in the responses that create or rotate it.
struct WebhookEndpointResponse: Encodable, Sendable {
    var id: String
    var url: String
    var description: String?
    var eventTypes: [String]
    /// The owning stakeholder; absent for staff endpoints.
    var stakeholderId: String?
    var enabled: Bool
    var disabledReason: String?
    var needsRotation: Bool
    var createdAt: Date
    var updatedAt: Date
    var secret: String?

    init(_ endpoint: WebhookEndpoint, secret: String? = nil) {
        id = endpoint.id.rawValue
        url = endpoint.url
        description = endpoint.description
        eventTypes = endpoint.eventTypes.map(\.rawValue)
        stakeholderId = endpoint.owner?.rawValue
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        needsRotation = endpoint.needsRotation
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
        self.secret = secret
    }

    static func etag(_ endpoint: WebhookEndpoint) -> String {
        ETag.make(version: endpoint.version, variant: "full")
    }
}

/// A delivery of one message to one endpoint; with its attempts when shown alone.
struct WebhookDeliveryResponse: Encodable, Sendable {
    struct AttemptResponse: Encodable, Sendable {
        var at: Date
        var durationMs: Int
        var responseStatus: Int?
        var error: String?
        var responseBody: String?
    }

    var id: String
    var endpointId: String
    var messageId: String
    var eventType: String
    var status: String
    var attemptCount: Int
    var nextAttemptAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var attempts: [AttemptResponse]?

    init(_ delivery: WebhookDelivery, withAttempts: Bool) {
        id = delivery.id.rawValue
        endpointId = delivery.endpointID.rawValue
        messageId = delivery.messageID.rawValue
        eventType = delivery.type.rawValue
        status = delivery.status.rawValue
        attemptCount = delivery.attemptCount
        nextAttemptAt = delivery.nextAttemptAt
        createdAt = delivery.createdAt
        updatedAt = delivery.updatedAt
        if withAttempts {
            attempts = delivery.attempts.map {
                AttemptResponse(at: $0.at, durationMs: $0.durationMilliseconds, responseStatus: $0.responseStatus, error: $0.error, responseBody: $0.responseBody)
            }
        }
    }
}

/// One entry of `GET /v1/webhook-event-types`.
struct WebhookEventTypeResponse: Encodable, Sendable {
    var type: String
    var description: String
    var sentToStakeholders: Bool
}
