import EngageDomain
import Foundation

/// Who edits a registration or an application: the organisation itself, while its window is open,
/// or staff, at any time before the event closes.
public enum Editor: Sendable, Equatable {
    case organisation
    case staff
}

/// What may change in a registration or a side-event application once it is made, and how.
/// The stores load, lock and save; these decide. Neither writes anything.
public enum ParticipationEdits {
    // MARK: Registrations

    /// The registration after `patch`, with the fields that changed; a `DomainError` says why not.
    ///
    /// An open registration (pending or approved) of an event that is not closed may change its
    /// delegation: the organisation while registration is open, staff at any time. It keeps its status.
    public static func edit(
        _ registration: EventRegistration, of event: Event, with patch: EventRegistrationPatch, by editor: Editor, now: Date
    ) throws(DomainError) -> (EventRegistration, changed: [String]) {
        try requireOpen(event)
        guard registration.status.isOpen else {
            throw .conflict("a \(registration.status.rawValue) registration cannot change; register again while registration is open")
        }
        if editor == .organisation, let refusal = event.registrationRefusal(at: now) {
            throw .conflict("\(refusal); after the window the secretariat makes changes on your behalf")
        }
        var edited = registration
        var changed: [String] = []
        if let participants = patch.participants, participants != registration.participants {
            if let max = event.registration?.maxParticipantsPerStakeholder, participants.count > max {
                throw .validation([FieldError(field: "participants", message: "must name at most \(max) people for \(event.id)")])
            }
            edited.participants = participants
            changed.append("participants")
        }
        if !changed.isEmpty { edited.touch(now) }
        return (edited, changed)
    }

    // MARK: Side-event applications

    /// The application after `patch`, with the fields that changed; a `DomainError` says why not.
    /// When the co-organisers change, the store checks that each named is approved.
    ///
    /// Only an undecided application changes: once approved, staff edit the side event itself.
    /// Co-organisers that stay keep their answers; new ones are asked; removed ones are forgotten.
    public static func edit(
        _ application: SideEventApplication, of event: Event, with patch: SideEventApplicationPatch, by editor: Editor, now: Date
    ) throws(DomainError) -> (SideEventApplication, changed: [String]) {
        try requireOpen(event)
        guard application.status == .submitted else {
            let hint = application.status == .approved ? "; edit the side event itself" : ""
            throw .conflict("a \(application.status.rawValue) application cannot change\(hint)")
        }
        if editor == .organisation, let refusal = event.applicationRefusal(at: now) {
            throw .conflict("\(refusal); after the period the secretariat makes changes on your behalf")
        }
        var errors: [FieldError] = []
        if let coOrganizers = patch.coOrganizers, coOrganizers.contains(application.stakeholderID) {
            errors.append(FieldError(field: "co_organizers", message: "must not include the organiser (\(application.stakeholderID))"))
        }
        if let dates = patch.preferredDates { errors += SideEventCascade.preferredDateErrors(dates, parent: event) }
        if !errors.isEmpty { throw .validation(errors) }
        var edited = application
        let changed = patch.apply(to: &edited)
        if !changed.isEmpty { edited.touch(now) }
        return (edited, changed)
    }

    /// The history entry of a co-organiser's answer: `stakeholderID` is the co-organiser, `toStatus` its answer.
    public static func answerEntry(of subject: String, coOrganizer: StakeholderID, _ consent: CoOrganizerConsent, actor: String, at now: Date) -> HistoryEntry {
        HistoryEntry(subjectID: subject, action: .updated, toStatus: consent.rawValue, changedFields: ["co_organizer_consents"], stakeholderID: coOrganizer,
                     actor: actor, at: now)
    }

    /// Whom a change of `application` concerns: its organiser, its co-organisers and `also`, once each.
    public static func concerns(of application: SideEventApplication, also: [StakeholderID]) -> [StakeholderID] {
        var seen: Set<StakeholderID> = []
        return ([application.stakeholderID] + application.coOrganizers + also).filter { seen.insert($0).inserted }
    }

    // MARK: Shared

    /// Registrations and applications of a cancelled or completed event no longer change.
    public static func requireOpen(_ event: Event) throws(DomainError) {
        if event.status.isClosed {
            throw .conflict("\(event.id) is \(event.status.rawValue); its registrations and applications can no longer change")
        }
    }

    /// The history entry of an edit.
    public static func updateEntry(of subject: String, changed: [String], actor: String, at now: Date) -> HistoryEntry {
        HistoryEntry(subjectID: subject, action: .updated, changedFields: changed, actor: actor, at: now)
    }

    /// The history entry of a decision (or of the first submission, `from` nil).
    public static func statusEntry(of subject: String, from: String?, to: String, reason: String?, actor: String, at now: Date) -> HistoryEntry {
        HistoryEntry(subjectID: subject, action: from == nil ? .created : .statusChanged, fromStatus: from, toStatus: to, reason: reason, actor: actor, at: now)
    }
}

// MARK: - Versions

extension EventRegistration {
    mutating func touch(_ now: Date) {
        updatedAt = now
        version += 1
    }
}

extension SideEventApplication {
    mutating func touch(_ now: Date) {
        updatedAt = now
        version += 1
    }
}
