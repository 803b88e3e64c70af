import EngageDomain
import Foundation

/// The rules of contact points, for both stores: how an edit applies, and which named IDs are refused.
public enum ContactPoints {
    /// The contact point after `input`, or nil when nothing changes; a stale `expectedVersion` is a
    /// precondition failure.
    public static func updated(_ current: ContactPoint, with input: ContactPointInput, expectedVersion: Int?, now: Date) throws(DomainError) -> ContactPoint? {
        if let expectedVersion, expectedVersion != current.version { throw .preconditionFailed }
        var updated = current
        input.apply(to: &updated)
        guard updated != current else { return nil }
        updated.updatedAt = now
        updated.version += 1
        return updated
    }

    /// A field error for each named ID that is not among `existing`, and for each named twice.
    public static func namingErrors(_ ids: [ContactPointID], existing: Set<ContactPointID>) -> [FieldError] {
        var seen: Set<ContactPointID> = []
        return ids.enumerated().compactMap { index, id in
            let field = "contact_point_ids[\(index)]"
            if !seen.insert(id).inserted { return FieldError(field: field, message: "names \(id) twice", code: .duplicate) }
            return existing.contains(id) ? nil : FieldError(field: field, message: "no contact point \(id)")
        }
    }
}
