import EngageDomain
import Foundation

/// The change feed: every notified change, in one global sequence, read after a position.
///
/// The outbox writes the entries (`ChangeDraft.drafts(for:)`) in the transaction of each change, and
/// each store keeps their sequence in commit order, so a reader that resumes after the last entry it
/// saw misses nothing.
public protocol ChangeFeedRepository: Sendable {
    /// The entries after `page.after` (from the start when nil) that `filter` lets through, oldest
    /// first; `next` is set when more follow.
    func list(_ filter: ChangeFilter, page: PageRequest) async throws -> Page<Change>
}
