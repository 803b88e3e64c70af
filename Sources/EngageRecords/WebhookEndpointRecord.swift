import EngageDomain
import Foundation

/// A row of the `webhook_endpoint` table; secrets stay sealed here.
public struct WebhookEndpointRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "webhook_endpoint"

    public var seq: Int64?
    public var id: String
    public var url: String
    public var description: String?
    public var eventTypes: String
    public var ownerStakeholderId: String?
    public var secretSealed: Data
    public var previousSecretSealed: Data?
    public var previousSecretExpiresAt: Date?
    public var enabled: Bool
    public var disabledReason: String?
    public var needsRotation: Bool
    public var failingSince: Date?
    public var lastSuccessAt: Date?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    /// Every column's value, as a store's reader read them.
    public init(
        seq: Int64?, id: String, url: String, description: String?, eventTypes: String, ownerStakeholderId: String?, secretSealed: Data,
        previousSecretSealed: Data?, previousSecretExpiresAt: Date?, enabled: Bool, disabledReason: String?, needsRotation: Bool,
        failingSince: Date?, lastSuccessAt: Date?, createdBy: String, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.seq = seq
        self.id = id
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.ownerStakeholderId = ownerStakeholderId
        self.secretSealed = secretSealed
        self.previousSecretSealed = previousSecretSealed
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.needsRotation = needsRotation
        self.failingSince = failingSince
        self.lastSuccessAt = lastSuccessAt
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    // MARK: Mapping

    public init(_ endpoint: WebhookEndpoint, secretSealed: Data) {
        id = endpoint.id.rawValue
        url = endpoint.url
        description = endpoint.description
        eventTypes = JSONText.encode(endpoint.eventTypes.map(\.rawValue))
        ownerStakeholderId = endpoint.owner?.rawValue
        self.secretSealed = secretSealed
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        needsRotation = endpoint.needsRotation
        createdBy = endpoint.createdBy
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
        version = endpoint.version
    }

    /// Puts a new sealed signing secret in place. The old one keeps signing beside it until
    /// `previousUntil`, unless it could no longer be opened: then the rotation replaces both.
    public mutating func rotate(to sealed: Data, previousUntil: Date, now: Date) {
        previousSecretSealed = needsRotation ? nil : secretSealed
        previousSecretExpiresAt = needsRotation ? nil : previousUntil
        needsRotation = false
        secretSealed = sealed
        updatedAt = now
        version += 1
    }

    /// Copies the editable fields of `endpoint` into this row.
    public mutating func apply(_ endpoint: WebhookEndpoint) {
        url = endpoint.url
        description = endpoint.description
        eventTypes = JSONText.encode(endpoint.eventTypes.map(\.rawValue))
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        updatedAt = endpoint.updatedAt
        version = endpoint.version
    }

    public func model() -> WebhookEndpoint {
        WebhookEndpoint(
            id: WebhookEndpointID(unchecked: id), url: url, description: description,
            eventTypes: (JSONText.decode([String].self, eventTypes) ?? []).compactMap(NotificationType.init(rawValue:)),
            owner: ownerStakeholderId.map(StakeholderID.init(unchecked:)), enabled: enabled, disabledReason: disabledReason, needsRotation: needsRotation,
            createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
