import EngageDomain
import Foundation

/// Contact points, and the ones each event, workshop, pilot initiative, project or resource names.
public protocol ContactPointRepository: Sendable {
    func create(_ input: ContactPointInput, now: Date) async throws -> ContactPoint
    func find(_ id: ContactPointID) async throws -> ContactPoint?
    /// Those `filter` keeps, in its order (oldest first by default).
    func list(_ filter: RecordFilter, page: PageRequest) async throws -> Page<ContactPoint>
    /// Merges `input`; a stale `expectedVersion` is a precondition failure.
    func update(_ id: ContactPointID, with input: ContactPointInput, expectedVersion: Int?, now: Date) async throws -> ContactPoint

    /// The contact points `target` names, in its order; `notFound` when the target does not exist.
    func named(by target: ContactTarget) async throws -> [ContactPoint]

    /// Replaces the contact points `target` names, in one transaction: `notFound` for a missing
    /// target, a validation error naming `contact_point_ids[i]` for each one that does not exist.
    func name(_ ids: [ContactPointID], by target: ContactTarget) async throws -> [ContactPoint]
}
