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
