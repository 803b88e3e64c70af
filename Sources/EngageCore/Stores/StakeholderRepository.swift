import EngageDomain
import Foundation

/// Storage of the stakeholder registry. Every method is one transaction.
public protocol StakeholderRepository: Sendable {
    /// Stores a new, pending registration and its `registered` history entry.
    func register(_ input: StakeholderInput, accessTokenHash: String, actor: String, now: Date) async throws -> Stakeholder

    /// The stakeholder with this ID, whatever its status.
    func find(_ id: StakeholderID) async throws -> Stakeholder?

    /// The stakeholders with these IDs that exist, in any order (for the organisation columns of CSV exports).
    func find(_ ids: [StakeholderID]) async throws -> [Stakeholder]

    /// One page of stakeholders matching `filter`, oldest first (or best match first with a query).
    func list(_ filter: StakeholderFilter, page: PageRequest) async throws -> Page<Stakeholder>

    /// Every stakeholder matching `filter`, in list order (for exports).
    func all(_ filter: StakeholderFilter) async throws -> [Stakeholder]

    /// Applies a profile patch, as `ProfileReview.plan` splits it: by the organisation itself (`bySelf`),
    /// the trust-bearing fields of an approved profile become a pending change instead.
    /// Throws `DomainError.preconditionFailed` when `expectedVersion` is stale.
    func update(_ id: StakeholderID, with input: StakeholderInput, bySelf: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder

    /// Approves (applies) or rejects the stakeholder's pending change; `DomainError.conflict` when none is pending.
    func settlePendingChange(_ id: StakeholderID, approve: Bool, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder

    /// Takes a review decision; an illegal transition is `DomainError.conflict`.
    func decide(_ id: StakeholderID, _ decision: StakeholderStatus.Decision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder

    /// A rejected organisation submits its registration again, with `input`'s corrections: pending once more,
    /// its submission count one higher. `DomainError.conflict` unless it is rejected.
    func resubmit(_ id: StakeholderID, with input: StakeholderInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder

    /// Merges the duplicate `id` into `survivor` in one transaction, as `StakeholderMerge` and
    /// `StakeholderMergeSQL` say; returns the survivor. `expectedVersion` is the duplicate's.
    func merge(_ id: StakeholderID, into survivor: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder

    /// The record a merged stakeholder's ID leads to now, and whether the merged record was in the
    /// public directory (approved) when it was merged; nil when it was never merged.
    func survivor(of merged: StakeholderID) async throws -> (id: StakeholderID, wasPublic: Bool)?

    /// The stakeholder's history, oldest first.
    func history(of id: StakeholderID, page: PageRequest) async throws -> Page<StakeholderHistoryEntry>

    /// Replaces the access token (the old one stops working at once).
    func replaceAccessToken(of id: StakeholderID, hash: String, actor: String, now: Date) async throws

    /// The stakeholder whose current access token has this hash.
    func authenticate(accessTokenHash: String) async throws -> StakeholderID?
}

extension StakeholderRepository {
    /// A patch by staff, applied at once.
    public func update(_ id: StakeholderID, with input: StakeholderInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Stakeholder {
        try await update(id, with: input, bySelf: false, expectedVersion: expectedVersion, actor: actor, now: now)
    }
}
