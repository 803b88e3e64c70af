import EngageCore
import EngageDomain
import Foundation

/// `GET /v1/stakeholders/{id}/pending-changes`: each proposed field beside its approved value.
struct PendingChangesResponse: Encodable, Sendable {
    struct FieldChangeResponse: Encodable, Sendable {
        var field: String
        var current: JSONValue
        var proposed: JSONValue
    }

    var stakeholderId: String
    var changes: [FieldChangeResponse]
    @Nullable var proposedAt: Date?
    @Nullable var proposedBy: String?

    init(_ stakeholder: Stakeholder) {
        stakeholderId = stakeholder.id.rawValue
        let approved = ProfileReview.approvedValues(of: stakeholder)
        let pending = stakeholder.pendingChange
        changes = (pending?.fields ?? [:]).sorted { $0.key < $1.key }.map {
            FieldChangeResponse(field: $0.key, current: approved[$0.key] ?? .null, proposed: $0.value)
        }
        proposedAt = pending?.proposedAt
        proposedBy = pending?.proposedBy
    }
}
