import EngageDomain
import Foundation
import GRDB

/// A row of the `webhook_endpoint` table; secrets stay sealed here.
struct WebhookEndpointRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "webhook_endpoint"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var url: String
    var description: String?
    var eventTypes: String
    var ownerStakeholderId: String?
    var secretSealed: Data
    var previousSecretSealed: Data?
    var previousSecretExpiresAt: Date?
    var enabled: Bool
    var disabledReason: String?
    var failingSince: Date?
    var lastSuccessAt: Date?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    // MARK: Mapping

    init(_ endpoint: WebhookEndpoint, secretSealed: Data) {
        id = endpoint.id.rawValue
        url = endpoint.url
        description = endpoint.description
        eventTypes = JSONText.encode(endpoint.eventTypes.map(\.rawValue))
        ownerStakeholderId = endpoint.owner?.rawValue
        self.secretSealed = secretSealed
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        createdBy = endpoint.createdBy
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
        version = endpoint.version
    }

    /// Copies the editable fields of `endpoint` into this row.
    mutating func apply(_ endpoint: WebhookEndpoint) {
        url = endpoint.url
        description = endpoint.description
        eventTypes = JSONText.encode(endpoint.eventTypes.map(\.rawValue))
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        updatedAt = endpoint.updatedAt
        version = endpoint.version
    }

    func model() -> WebhookEndpoint {
        WebhookEndpoint(
            id: WebhookEndpointID(unchecked: id), url: url, description: description,
            eventTypes: (JSONText.decode([String].self, eventTypes) ?? []).compactMap(NotificationType.init(rawValue:)),
            owner: ownerStakeholderId.map(StakeholderID.init(unchecked:)), enabled: enabled, disabledReason: disabledReason,
            createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt, version: version
        )
    }
}
