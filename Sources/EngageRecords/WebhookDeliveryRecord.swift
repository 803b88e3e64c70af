import EngageDomain
import Foundation

/// A row of the `webhook_delivery` table: one notification to one endpoint, as the delivery log reads it (the
/// workers claim and settle rows with SQL of their own).
public struct WebhookDeliveryRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "webhook_delivery"

    /// An endpoint's pending deliveries in the order they are due: a claim reads each endpoint's oldest
    /// few through it, whatever the backlog (the same SQL on both stores).
    public static let dueByEndpointIndex = """
        CREATE INDEX webhook_delivery_due_by_endpoint ON webhook_delivery(endpoint_id, next_attempt_at, seq) WHERE status = 'pending';
        """

    public var seq: Int64?
    public var id: String
    public var messageId: String
    public var endpointId: String
    public var type: String
    public var status: String
    public var attemptCount: Int
    public var nextAttemptAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// The delivery as the domain knows it (attempts are read separately); the next attempt only while pending.
    public func model() throws -> WebhookDelivery {
        guard let type = NotificationType(rawValue: type), let status = DeliveryStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        return WebhookDelivery(
            id: WebhookDeliveryID(unchecked: id), endpointID: WebhookEndpointID(unchecked: endpointId), messageID: MessageID(unchecked: messageId),
            type: type, status: status, attemptCount: attemptCount, nextAttemptAt: status == .pending ? nextAttemptAt : nil,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
