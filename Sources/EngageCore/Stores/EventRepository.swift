import EngageDomain
import Foundation

/// Events, their lifecycle and history.
public protocol EventRepository: Sendable {
    /// Creates an event (scheduled) and records it in its history.
    func create(_ input: EventInput, actor: String, now: Date) async throws -> Event
    func find(_ id: EventID) async throws -> Event?
    /// One page in date order (undated last), or by relevance when the filter has a query.
    func list(_ filter: EventFilter, page: PageRequest) async throws -> Page<Event>
    /// Every matching event in date order, up to `limit` (the calendar feed).
    func all(_ filter: EventFilter, limit: Int) async throws -> [Event]
    /// Merge-patches an event; date changes of an event that is not scheduled are a conflict.
    func update(_ id: EventID, with input: EventInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Event
    /// Postpones, reschedules, cancels or completes an event. Cancelling closes its pending
    /// registrations and undecided side-event applications with the reason, in the same transaction.
    /// Its side events follow as `SideEventCascade` says, in the same transaction.
    func transition(_ id: EventID, _ transition: EventTransition, keepSideEvents: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> Event
    func history(of id: EventID, page: PageRequest) async throws -> Page<HistoryEntry>
}

extension EventRepository {
    /// A transition whose side events follow it.
    public func transition(_ id: EventID, _ transition: EventTransition, expectedVersion: Int?, actor: String, now: Date) async throws -> Event {
        try await self.transition(id, transition, keepSideEvents: false, expectedVersion: expectedVersion, actor: actor, now: now)
    }
}

/// Participation registrations of stakeholders' delegations.
public protocol EventRegistrationRepository: Sendable {
    /// Registers, checking in one transaction the event's state and window, the stakeholder's
    /// approval, the participant limit and that the stakeholder holds no other open registration.
    func register(for event: EventID, _ input: EventRegistrationInput, actor: String, now: Date) async throws -> EventRegistration
    func find(_ id: EventRegistrationID, of event: EventID) async throws -> EventRegistration?
    func list(of event: EventID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration>
    func all(of event: EventID, filter: ParticipationFilter<RegistrationStatus>) async throws -> [EventRegistration]
    /// A stakeholder's registrations for every event matching `filter` (whose own `stakeholderID` is replaced),
    /// in its order, oldest first by default (`GET /v1/me`).
    func list(for stakeholder: StakeholderID, filter: ParticipationFilter<RegistrationStatus>, page: PageRequest) async throws -> Page<EventRegistration>
    func decide(_ id: EventRegistrationID, of event: EventID, _ decision: ReviewDecision, reason: String?, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration
    /// Changes the delegation as `ParticipationEdits` allows, with a history entry and a notification
    /// when anything changed (nothing is written otherwise).
    func update(_ id: EventRegistrationID, of event: EventID, with patch: EventRegistrationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> EventRegistration
    /// What happened to the registration, oldest first: created, edited, decided.
    func history(of id: EventRegistrationID, of event: EventID, page: PageRequest) async throws -> Page<HistoryEntry>
}

/// Applications to organise side events.
public protocol SideEventApplicationRepository: Sendable {
    func submit(for event: EventID, _ input: SideEventApplicationInput, actor: String, now: Date) async throws -> SideEventApplication
    func find(_ id: SideEventApplicationID, of event: EventID) async throws -> SideEventApplication?
    func list(of event: EventID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication>
    /// The applications a stakeholder organises or co-organises, for every event, matching `filter` (whose own
    /// `stakeholderID` is replaced), in its order, oldest first by default (`GET /v1/me`).
    func list(for stakeholder: StakeholderID, filter: ParticipationFilter<SideEventApplicationStatus>, page: PageRequest) async throws -> Page<SideEventApplication>
    /// Approves (optionally creating the side event), rejects or withdraws an application.
    func decide(_ id: SideEventApplicationID, of event: EventID, _ decision: ReviewDecision, reason: String?, createEvent: Bool, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication
    /// Records a named co-organiser's answer; `DomainError.conflict` when `Participation.consentRefusal` says no.
    func answer(_ id: SideEventApplicationID, of event: EventID, coOrganizer: StakeholderID, _ consent: CoOrganizerConsent, actor: String, now: Date) async throws -> SideEventApplication
    /// Edits an undecided application as `ParticipationEdits` allows (new co-organisers must be
    /// approved), with a history entry and a notification when anything changed.
    func update(_ id: SideEventApplicationID, of event: EventID, with patch: SideEventApplicationPatch, by editor: Editor, expectedVersion: Int?, actor: String, now: Date) async throws -> SideEventApplication
    /// What happened to the application, oldest first: submitted, edited, answered, decided.
    func history(of id: SideEventApplicationID, of event: EventID, page: PageRequest) async throws -> Page<HistoryEntry>
    /// Who organises the side event `event` (none for other events); `notFound` when the event does not exist.
    func organizers(of event: EventID) async throws -> [SideEventOrganizer]
}
