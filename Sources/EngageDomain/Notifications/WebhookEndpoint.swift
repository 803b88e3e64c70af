import Foundation

/// A subscription: where to deliver which notifications, signed with which secret.
public struct WebhookEndpoint: Sendable, Equatable {
    public var id: WebhookEndpointID
    public var url: String
    public var description: String?
    /// Empty: every type the owner may receive.
    public var eventTypes: [NotificationType]
    /// nil: a staff endpoint that sees every event of its types; else a stakeholder's own.
    public var owner: StakeholderID?
    public var enabled: Bool
    public var disabledReason: String?
    /// Its signing secret cannot be opened with this server's secret (a lost or replaced secret file):
    /// nothing is sent to it until it is rotated.
    public var needsRotation: Bool
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: WebhookEndpointID = .generate(), url: String, description: String?, eventTypes: [NotificationType], owner: StakeholderID?,
        enabled: Bool = true, disabledReason: String? = nil, needsRotation: Bool = false, createdBy: String, createdAt: Date, updatedAt: Date,
        version: Int = 1
    ) {
        self.id = id
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.owner = owner
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.needsRotation = needsRotation
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The state of one message's delivery to one endpoint.
public enum DeliveryStatus: String, Sendable, CaseIterable, Codable {
    case pending, succeeded, failed
}

/// One message on its way to one endpoint, with every attempt made.
public struct WebhookDelivery: Sendable, Equatable {
    public struct Attempt: Sendable, Equatable {
        public var at: Date
        public var durationMilliseconds: Int
        public var responseStatus: Int?
        public var error: String?
        /// The first 2 KiB of the response body.
        public var responseBody: String?

        public init(at: Date, durationMilliseconds: Int, responseStatus: Int?, error: String?, responseBody: String?) {
            self.at = at
            self.durationMilliseconds = durationMilliseconds
            self.responseStatus = responseStatus
            self.error = error
            self.responseBody = responseBody
        }
    }

    public var id: WebhookDeliveryID
    public var endpointID: WebhookEndpointID
    public var messageID: MessageID
    public var type: NotificationType
    public var status: DeliveryStatus
    public var attemptCount: Int
    public var nextAttemptAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var attempts: [Attempt]

    public init(
        id: WebhookDeliveryID, endpointID: WebhookEndpointID, messageID: MessageID, type: NotificationType, status: DeliveryStatus,
        attemptCount: Int, nextAttemptAt: Date?, createdAt: Date, updatedAt: Date, attempts: [Attempt] = []
    ) {
        self.id = id
        self.endpointID = endpointID
        self.messageID = messageID
        self.type = type
        self.status = status
        self.attemptCount = attemptCount
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.attempts = attempts
    }
}
