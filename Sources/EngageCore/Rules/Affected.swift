import EngageDomain

/// What a lifecycle change of an event or workshop does to each organisation's own registrations,
/// applications and enrolments: told to that organisation alone, with the change.
public enum Affected {
    /// After an event's move: pending registrations and submitted applications close when the move
    /// closes them (a cancellation or completion); everything else keeps its status.
    public static func afterEventMove(_ items: [HeldItem], closing: Bool) -> [StakeholderID: [AffectedItem]] {
        byHolder(items) { item in
            guard closing else { return item.status }
            switch (item.kind, item.status) {
            case (.eventRegistration, "pending"), (.sideEventApplication, "submitted"): return "closed"
            default: return item.status
            }
        }
    }

    /// After a workshop's move: the enrolments it closes (`Seating.closedBy`) are cancelled.
    public static func afterWorkshopMove(_ items: [HeldItem], status: EventStatus) -> [StakeholderID: [AffectedItem]] {
        let closed = Set(Seating.closedBy(status).map(\.rawValue))
        return byHolder(items) { closed.contains($0.status) ? EnrolmentStatus.cancelled.rawValue : $0.status }
    }

    /// The organisations holding any of `items`, each once, in byte order of their IDs (the order every
    /// store sorts them in): whom a move concerns.
    public static func holders(_ items: [HeldItem]) -> [StakeholderID] {
        Set(items.map(\.holder.rawValue)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map(StakeholderID.init(unchecked:))
    }

    private static func byHolder(_ items: [HeldItem], after: (HeldItem) -> String) -> [StakeholderID: [AffectedItem]] {
        var result: [StakeholderID: [AffectedItem]] = [:]
        for item in items {
            let affected = AffectedItem(kind: item.kind, id: item.id, status: after(item))
            if result[item.holder]?.contains(affected) != true { result[item.holder, default: []].append(affected) }
        }
        return result
    }
}
