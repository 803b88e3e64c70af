import EngageDomain
import Foundation

/// Something with the lifecycle of a meeting: postponed (maybe to no date), rescheduled, cancelled, completed.
public protocol Scheduled: Sendable {
    var status: EventStatus { get set }
    var dates: DateRange? { get set }
    var statusReason: String? { get set }
    var updatedAt: Date { get set }
    var version: Int { get set }
    /// The ID its history is kept under.
    var historySubject: String { get }
    /// "event" or "workshop", for messages.
    static var noun: String { get }
    /// What a move announces.
    static func notification(for action: HistoryEntry.Action) -> NotificationType
}

/// A lifecycle move decided: the new state, its history entry and the notification it sends.
public struct LifecycleMove<Subject: Scheduled>: Sendable {
    public let updated: Subject
    public let history: HistoryEntry
    public let notification: NotificationType
    /// The reason open items (registrations, applications, waiting lists) close with, when the move closes them.
    public let closingReason: String?
}

extension Scheduled {
    /// Applies `transition` at `now` by `actor`: a conflict when the move is not allowed from here.
    public func moved(_ transition: EventTransition, actor: String, now: Date) throws(DomainError) -> LifecycleMove<Self> {
        let change = try transition.apply(to: status, dates: dates, subject: "\(Self.noun) \(historySubject)", today: LocalDate(now))
        var updated = self
        updated.status = change.status
        updated.dates = change.dates
        updated.statusReason = change.reason
        updated.updatedAt = now
        updated.version += 1
        let history = HistoryEntry(
            subjectID: historySubject, action: change.historyAction, fromStatus: status.rawValue, toStatus: change.status.rawValue,
            reason: change.reason, previousDates: dates, dates: change.dates, actor: actor, at: now)
        let closing: String? = switch transition {
        case .cancel(let reason): reason
        case .complete: "the \(Self.noun) has taken place"
        default: nil
        }
        return LifecycleMove(updated: updated, history: history, notification: Self.notification(for: change.historyAction), closingReason: closing)
    }
}

extension Event: Scheduled {
    public static var noun: String { "event" }
    public var historySubject: String { id.rawValue }

    public static func notification(for action: HistoryEntry.Action) -> NotificationType {
        switch action {
        case .postponed: .eventPostponed
        case .rescheduled: .eventRescheduled
        case .cancelled: .eventCancelled
        default: .eventCompleted
        }
    }
}

extension Workshop: Scheduled {
    public static var noun: String { "workshop" }
    public var historySubject: String { id.rawValue }

    public static func notification(for action: HistoryEntry.Action) -> NotificationType {
        switch action {
        case .postponed: .workshopPostponed
        case .rescheduled: .workshopRescheduled
        case .cancelled: .workshopCancelled
        default: .workshopCompleted
        }
    }
}
