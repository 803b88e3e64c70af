import EngageDomain

/// Side events follow their session. A side event is part of its parent meeting: when the parent is
/// cancelled or postponed, so are its side events (with the same reason); when the parent moves to
/// new dates, side events that fell within its old dates move by the same number of days, unless staff
/// keep them where they are (`keep_side_events`). Completing the parent leaves them to be closed on
/// their own. Each move is the side event's own lifecycle move, with its own history and notifications.
public enum SideEventCascade {
    /// The move `child` makes when its parent, on `parentDates` before, takes `transition`; nil for none.
    public static func transition(
        for child: Event, parentDates: DateRange?, parentTransition transition: EventTransition, keepSideEvents: Bool
    ) -> EventTransition? {
        guard child.status == .scheduled || child.status == .postponed else { return nil }
        switch transition {
        case .cancel(let reason):
            return .cancel(reason: reason)
        case .complete:
            return nil
        case .postpone(let reason, let newDates):
            // To no date: the side event waits with it. To new dates: it moves along, or keeps its own.
            guard let newDates else { return .postpone(reason: reason, dates: nil) }
            let moved = keepSideEvents ? child.dates : shifted(child.dates, from: parentDates, to: newDates)
            return .postpone(reason: reason, dates: moved)
        case .reschedule(let newDates):
            guard !keepSideEvents, let moved = shifted(child.dates, from: parentDates, to: newDates) else { return nil }
            return .reschedule(moved)
        }
    }

    /// `dates` moved as the parent moved from `old` to `new`; nil when they did not lie within `old`.
    public static func shifted(_ dates: DateRange?, from old: DateRange?, to new: DateRange) -> DateRange? {
        guard let dates, let old, old.contains(dates) else { return nil }
        return dates.shifted(by: new.startsOn.days(since: old.startsOn))
    }

    /// Why a side event's `dates` do not fit its parent's, or nil (a parent without dates takes any).
    public static func datesProblem(_ dates: DateRange?, parent: Event) -> String? {
        guard let dates, let parentDates = parent.dates, !parentDates.contains(dates) else { return nil }
        return "must lie within the dates of \(parent.id), \(parentDates.text)"
    }

    /// The preferred dates of an application that fall outside the event's dates, each named.
    public static func preferredDateErrors(_ dates: [LocalDate], parent: Event) -> [FieldError] {
        guard let parentDates = parent.dates else { return [] }
        return dates.enumerated().compactMap { index, day in
            parentDates.contains(day) ? nil
                : FieldError(field: "preferred_dates[\(index)]", message: "must fall within the dates of \(parent.id), \(parentDates.text)")
        }
    }
}
