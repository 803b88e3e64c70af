import EngageDomain
import Foundation

/// Who sees which fields of a stakeholder.
enum Audience: Sendable {
    /// The public directory: approved stakeholders, public fields only.
    case publicDirectory
    /// The stakeholder itself (and what notifications carry): every field of its own record.
    case full
    /// API keys (staff, readers, admins): every field, and the review aids that concern other
    /// organisations (`possible_duplicate_of`), which the organisation itself is not shown.
    case staff

    /// How `principal` may see `stakeholder`; nil when it may not know it exists.
    static func of(_ stakeholder: Stakeholder, for principal: Principal) -> Audience? {
        if principal.canReadPrivateData { return .staff }
        if principal.isStakeholder(stakeholder.id) { return .full }
        return stakeholder.isPublic ? .publicDirectory : nil
    }

    /// Whether the private fields are shown.
    var isPrivate: Bool { self != .publicDirectory }
}

/// The API representation of a stakeholder. The one place where the model maps to JSON.
struct StakeholderResponse: Encodable, Sendable {
    struct ContactResponse: Encodable, Sendable {
        var name: String
        var email: String
        var phone: String?
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var name: String
    var acronym: String?
    var kind: String
    var country: String
    var region: String?
    var website: String?
    var description: String?
    /// Published for networking: everyone sees it (null when none).
    @Nullable var publicContact: PublicContactResponse?
    var topics: [String]
    var ecosocStatus: String
    var memberOf: [String]
    var status: String
    var createdAt: Date
    var updatedAt: Date
    // Private fields: only for the full audience.
    var contact: ContactResponse?
    var statusReason: String?
    var codeOfConductAcceptedAt: Date?
    /// Private: changes to trust-bearing fields awaiting review.
    var pendingChanges: PendingProfileChangeResponse?
    /// Private: how many times the registration was submitted (resubmissions after a rejection count).
    var submissions: Int?
    /// API keys only: registrations this one resembles.
    var possibleDuplicateOf: [String]?
    /// Only in the registration response and never stored.
    var accessToken: String?

    init(_ stakeholder: Stakeholder, audience: Audience, accessToken: String? = nil) {
        id = stakeholder.id.rawValue
        version = stakeholder.version
        name = stakeholder.name
        acronym = stakeholder.acronym
        kind = stakeholder.kind.rawValue
        country = stakeholder.country
        region = stakeholder.region?.rawValue
        website = stakeholder.website
        description = stakeholder.description
        publicContact = stakeholder.publicContact.map(PublicContactResponse.init)
        topics = stakeholder.topics.map(\.rawValue)
        ecosocStatus = stakeholder.ecosocStatus.rawValue
        // The public sees only approved networks; the others stay private.
        memberOf = (audience.isPrivate ? stakeholder.memberOf : stakeholder.approvedNetworks).map(\.rawValue)
        status = stakeholder.status.rawValue
        createdAt = stakeholder.createdAt
        updatedAt = stakeholder.updatedAt
        self.accessToken = accessToken
        if audience == .staff { possibleDuplicateOf = stakeholder.possibleDuplicateOf.map(\.rawValue) }
        if audience.isPrivate {
            contact = ContactResponse(name: stakeholder.contact.name, email: stakeholder.contact.email, phone: stakeholder.contact.phone)
            statusReason = stakeholder.statusReason
            codeOfConductAcceptedAt = stakeholder.codeOfConductAcceptedAt
            pendingChanges = stakeholder.pendingChange.map(PendingProfileChangeResponse.init)
            submissions = stakeholder.submissions
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, version, name, acronym, kind, country, region, website, description, topics, status, contact
        case publicContact = "public_contact"
        case ecosocStatus = "ecosoc_status"
        case memberOf = "member_of"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case statusReason = "status_reason"
        case codeOfConductAcceptedAt = "code_of_conduct_accepted_at"
        case accessToken = "access_token"
        case pendingChanges = "pending_changes"
        case submissions
        case possibleDuplicateOf = "possible_duplicate_of"
    }

    /// The strong ETag of this representation.
    static func etag(_ stakeholder: Stakeholder, audience: Audience) -> String {
        switch audience {
        case .publicDirectory: ETag.stakeholder(version: stakeholder.version, full: false)
        case .full: ETag.stakeholder(version: stakeholder.version, full: true)
        case .staff: ETag.make(version: stakeholder.version, variant: "staff")
        }
    }
}

/// The proposed values of a stakeholder's pending change, as its own profile shows them.
struct PendingProfileChangeResponse: Encodable, Sendable {
    var fields: [String: JSONValue]
    var proposedAt: Date
    var proposedBy: String

    init(_ pending: PendingProfileChange) {
        fields = pending.fields
        proposedAt = pending.proposedAt
        proposedBy = pending.proposedBy
    }

    enum CodingKeys: String, CodingKey {
        case fields
        case proposedAt = "proposed_at"
        case proposedBy = "proposed_by"
    }
}

/// A history entry as the API shows it.
struct StakeholderHistoryResponse: Encodable, Sendable {
    var id: String
    var action: String
    var fromStatus: String?
    var toStatus: String?
    var reason: String?
    var changedFields: [String]
    var actor: String
    var at: Date

    init(_ entry: StakeholderHistoryEntry) {
        id = entry.id.rawValue
        action = entry.action.rawValue
        fromStatus = entry.fromStatus?.rawValue
        toStatus = entry.toStatus?.rawValue
        reason = entry.reason
        changedFields = entry.changedFields
        actor = entry.actor
        at = entry.at
    }
}

extension StakeholderResponse: SnakeCaseKeys {}
