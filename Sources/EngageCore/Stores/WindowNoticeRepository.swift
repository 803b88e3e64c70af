import EngageDomain
import Foundation

/// Tells of registration and side-event application windows as they open, not when they are edited.
///
/// Each window (an event, which window, and its `opens_at`) is told once: when it has opened and has not
/// yet closed, to the approved organisations likely to care by default: those that registered for, or
/// applied to organise a side event at, the parent event or any other event of the same kind. Their
/// notification preferences can turn it off like any other type.
public protocol WindowNoticeRepository: Sendable {
    /// Writes the notifications of every window open at `now` not told yet, each in its own
    /// transaction with its notice; returns how many windows were told. Safe from several instances.
    func announceOpenedWindows(now: Date) async throws -> Int
}
