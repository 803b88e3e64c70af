/// A lifecycle change of an event, with what it carries.
public enum EventTransition: Sendable, Equatable {
    /// To a later date, or (dates nil) to a date not yet decided.
    case postpone(reason: String, dates: DateRange?)
    /// Back to scheduled, on new dates.
    case reschedule(DateRange)
    case cancel(reason: String)
    case complete

    public var action: LifecycleAction {
        switch self {
        case .postpone: .postpone
        case .reschedule: .reschedule
        case .cancel: .cancel
        case .complete: .complete
        }
    }

    /// Reads the body of a lifecycle action, naming every bad field.
    public static func parse(_ action: LifecycleAction, _ body: JSONValue) throws(DomainError) -> EventTransition {
        var reader = ObjectReader(body)
        var transition: EventTransition?
        switch action {
        case .postpone:
            let reason = reader.string("reason", required: true, maxLength: 2000)
            let dates = DateRange.read(&reader, required: false)
            if let reason { transition = .postpone(reason: reason, dates: dates?.value) }
        case .reschedule:
            if case .set(let dates)? = DateRange.read(&reader, required: true) { transition = .reschedule(dates) }
        case .cancel:
            if let reason = reader.string("reason", required: true, maxLength: 2000) { transition = .cancel(reason: reason) }
        case .complete:
            transition = .complete
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let transition else { throw .validation(reader.errors) }
        return transition
    }
}

// MARK: Applying

/// What a lifecycle transition makes of anything scheduled (an event, a workshop).
public struct ScheduleChange: Sendable, Equatable {
    public var status: EventStatus
    public var dates: DateRange?
    /// Why, for a postponement or a cancellation; nil otherwise (and the stored reason is cleared).
    public var reason: String?
    public var historyAction: HistoryEntry.Action

    public init(status: EventStatus, dates: DateRange?, reason: String?, historyAction: HistoryEntry.Action) {
        self.status = status
        self.dates = dates
        self.reason = reason
        self.historyAction = historyAction
    }
}

extension EventTransition {
    /// The new status, dates and reason of `subject` (such as "event evt_…"), or a conflict for an illegal
    /// move or for completing something that has not begun by `today`.
    public func apply(to status: EventStatus, dates: DateRange?, subject: String, today: LocalDate) throws(DomainError) -> ScheduleChange {
        guard action.allowed(from: status) else {
            throw .conflict("a \(status.rawValue) \(subject) cannot be \(action == .reschedule ? "rescheduled" : action.target.rawValue)")
        }
        switch self {
        case .postpone(let reason, let newDates):
            return ScheduleChange(status: .postponed, dates: newDates, reason: reason, historyAction: .postponed)
        case .reschedule(let newDates):
            return ScheduleChange(status: .scheduled, dates: newDates, reason: nil, historyAction: .rescheduled)
        case .cancel(let reason):
            return ScheduleChange(status: .cancelled, dates: dates, reason: reason, historyAction: .cancelled)
        case .complete:
            if let refusal = DateRange.notBegun(dates, today: today) { throw .conflict("the \(subject) \(refusal); it cannot be completed yet") }
            return ScheduleChange(status: .completed, dates: dates, reason: nil, historyAction: .completed)
        }
    }
}
