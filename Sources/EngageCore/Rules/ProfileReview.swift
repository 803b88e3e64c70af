import EngageDomain
import Foundation

/// The review of changes an approved organisation makes to its own profile.
///
/// The public directory is trusted because the Secretariat reviewed it. Once an organisation is approved,
/// the fields that carry that trust (its name, acronym, kind, country, ECOSOC status, website and the
/// networks it claims to belong to) change only when staff approve the change; until then the
/// directory, and waiting-list priority, go by the approved values. Everything else (description,
/// topics, contact) the organisation changes at once. Staff edit every field directly.
public enum ProfileReview {
    /// The trust-bearing fields, as the API names them.
    public static let reviewedFields: Set<String> = ["name", "acronym", "kind", "country", "ecosoc_status", "website", "member_of"]

    /// What one profile patch does.
    public struct Plan: Sendable, Equatable {
        /// The part of the patch applied now.
        public var apply: StakeholderInput
        /// The stakeholder's pending change after this patch (nil: none).
        public var pending: PendingProfileChange?
        /// The fields this patch proposed for review (for the history), sorted.
        public var proposed: [String]
    }

    // MARK: Planning

    /// Splits a patch of `current` into what applies now and what waits for review.
    ///
    /// Only an approved organisation changing its own profile is reviewed; staff, and organisations
    /// not yet approved (their whole registration is still under review), change every field at once.
    /// A proposal is merged into the one already pending; a proposed value equal to the approved one
    /// withdraws that field's proposal.
    public static func plan(_ input: StakeholderInput, for current: Stakeholder, bySelf: Bool, actor: String, now: Date) -> Plan {
        guard bySelf, current.status == .approved else {
            return Plan(apply: input, pending: current.pendingChange, proposed: [])
        }
        var direct = input
        direct.name = nil
        direct.acronym = nil
        direct.kind = nil
        direct.country = nil
        direct.website = nil
        direct.ecosocStatus = nil
        direct.memberOf = nil
        let proposedNow = fields(of: input)
        guard !proposedNow.isEmpty else { return Plan(apply: direct, pending: current.pendingChange, proposed: []) }

        var merged = current.pendingChange?.fields ?? [:]
        merged.merge(proposedNow) { _, new in new }
        let differing = Set(differences(merged, from: current))
        merged = merged.filter { differing.contains($0.key) }
        let pending = merged.isEmpty ? nil : PendingProfileChange(fields: merged, proposedAt: now, proposedBy: actor)
        return Plan(apply: direct, pending: pending, proposed: proposedNow.keys.filter(differing.contains).sorted())
    }

    /// A rejected registration submitted again with `input`'s corrections: pending once more, one more
    /// submission; with the fields the corrections changed. A conflict unless it is rejected.
    public static func resubmission(of current: Stakeholder, with input: StakeholderInput, now: Date) throws(DomainError) -> (Stakeholder, changed: [String]) {
        guard current.status.canResubmit else {
            throw .conflict("a \(current.status.rawValue) registration cannot be resubmitted; only a rejected one can")
        }
        var updated = current
        input.apply(to: &updated)
        let changed = updated.changedFields(comparedTo: current)
        updated.status = .pending
        updated.statusReason = nil
        updated.submissions += 1
        updated.updatedAt = now
        updated.version += 1
        return (updated, changed)
    }

    /// The fields of `pending` that would change `stakeholder` if approved now.
    public static func differences(_ fields: [String: JSONValue], from stakeholder: Stakeholder) -> [String] {
        guard let patch = try? StakeholderInput.parse(.object(fields), mode: .patch) else { return fields.keys.sorted() }
        var changed = stakeholder
        patch.apply(to: &changed)
        return changed.changedFields(comparedTo: stakeholder).filter(reviewedFields.contains).sorted()
    }

    // MARK: Representation

    /// The approved values of the reviewed fields, as the API spells them.
    public static func approvedValues(of stakeholder: Stakeholder) -> [String: JSONValue] {
        fields(of: StakeholderInput(
            name: stakeholder.name, acronym: stakeholder.acronym.map { .set($0) } ?? .clear, kind: stakeholder.kind,
            country: stakeholder.country, website: stakeholder.website.map { .set($0) } ?? .clear,
            ecosocStatus: stakeholder.ecosocStatus, memberOf: stakeholder.memberOf
        ))
    }

    /// The reviewed fields a patch sets, as the API spells them.
    static func fields(of input: StakeholderInput) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        if let name = input.name { fields["name"] = .string(name) }
        if let acronym = input.acronym { fields["acronym"] = acronym.value.map(JSONValue.string) ?? .null }
        if let kind = input.kind { fields["kind"] = .string(kind.rawValue) }
        if let country = input.country { fields["country"] = .string(country) }
        if let website = input.website { fields["website"] = website.value.map(JSONValue.string) ?? .null }
        if let ecosoc = input.ecosocStatus { fields["ecosoc_status"] = .string(ecosoc.rawValue) }
        if let memberOf = input.memberOf { fields["member_of"] = .array(memberOf.map { .string($0.rawValue) }) }
        return fields
    }
}
