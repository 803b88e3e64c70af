import Foundation

/// Changes an approved organisation proposed to the public, trust-bearing fields of its own profile,
/// waiting for the Secretariat's review. The public directory shows the approved values until then.
public struct PendingProfileChange: Sendable, Equatable, Codable {
    /// The proposed values, as the API spells them (`"name": "…"`, `"acronym": null`, `"member_of": […]`).
    public var fields: [String: JSONValue]
    /// When the latest of these fields was proposed.
    public var proposedAt: Date
    /// Who proposed it (the organisation's ID).
    public var proposedBy: String

    public init(fields: [String: JSONValue], proposedAt: Date, proposedBy: String) {
        self.fields = fields
        self.proposedAt = proposedAt
        self.proposedBy = proposedBy
    }

    /// The proposed fields as a patch, validated as any profile patch is.
    public func patch() throws(DomainError) -> StakeholderInput {
        try StakeholderInput.parse(.object(fields), mode: .patch)
    }

    /// The names of the proposed fields, sorted.
    public var fieldNames: [String] { fields.keys.sorted() }
}
