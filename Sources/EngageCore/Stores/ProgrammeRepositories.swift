import EngageDomain
import Foundation

/// Donor-funded projects.
public protocol ProjectRepository: Sendable {
    func create(_ input: ProjectInput, now: Date) async throws -> Project
    /// The project and how many events, workshops and pilot initiatives link to it.
    func find(_ id: ProjectID) async throws -> (Project, ProjectCounts)?
    /// Projects in creation order; `q` and `donor` are decided by `ProjectFilter.matches`.
    func list(_ filter: ProjectFilter, page: PageRequest) async throws -> Page<Project>
    func update(_ id: ProjectID, with input: ProjectInput, expectedVersion: Int?, now: Date) async throws -> Project
}

/// Knowledge resources, with ranked full-text search.
public protocol ResourceRepository: Sendable {
    /// Publishes a resource (and announces it, in the same transaction).
    func create(_ input: ResourceInput, now: Date) async throws -> Resource
    func find(_ id: ResourceID) async throws -> Resource?
    func list(_ filter: ResourceFilter, page: PageRequest) async throws -> Page<Resource>
    func update(_ id: ResourceID, with input: ResourceInput, expectedVersion: Int?, now: Date) async throws -> Resource
    /// Deletes the resource and announces it (`resource.deleted`, with the resource as it was).
    func delete(_ id: ResourceID, now: Date) async throws
}

/// Workshops, their lifecycle, and enrolment with a waiting list.
public protocol WorkshopRepository: Sendable {
    func create(_ input: WorkshopInput, actor: String, now: Date) async throws -> WorkshopSummary
    func find(_ id: WorkshopID) async throws -> WorkshopSummary?
    func list(_ filter: WorkshopFilter, page: PageRequest) async throws -> Page<WorkshopSummary>
    /// Merge-patches a workshop. Raising the capacity promotes as many as fit from the waiting
    /// list; lowering it below the confirmed count is a conflict.
    func update(_ id: WorkshopID, with input: WorkshopInput, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary
    func transition(_ id: WorkshopID, _ transition: EventTransition, expectedVersion: Int?, actor: String, now: Date) async throws -> WorkshopSummary
    func history(of id: WorkshopID, page: PageRequest) async throws -> Page<HistoryEntry>

    /// A seat while seats remain, else a place on the waiting list (priority countries first).
    func enrol(in workshop: WorkshopID, _ input: EnrolmentInput, actor: String, now: Date) async throws -> Enrolment
    /// Frees the seat and promotes the first on the waiting list, in one transaction.
    func cancelEnrolment(_ id: EnrolmentID, of workshop: WorkshopID, expectedVersion: Int?, actor: String, now: Date) async throws -> Enrolment
    /// Records attendance of a confirmed enrolment once the workshop has begun.
    func setAttendance(_ id: EnrolmentID, of workshop: WorkshopID, attended: Bool, expectedVersion: Int?, now: Date) async throws -> Enrolment
    func findEnrolment(_ id: EnrolmentID, of workshop: WorkshopID) async throws -> Enrolment?
    /// The workshop an enrolment belongs to, or nil when there is no such enrolment (certificate and feedback links name only the enrolment).
    func workshop(ofEnrolment id: EnrolmentID) async throws -> WorkshopID?
    func enrolments(of workshop: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment>
    func allEnrolments(of workshop: WorkshopID, filter: ParticipationFilter<EnrolmentStatus>) async throws -> [Enrolment]
    /// A stakeholder's enrolments in every workshop matching `filter` (whose own `stakeholderID` is replaced), in
    /// its order, oldest first by default, with their places on waiting lists (`GET /v1/me`).
    func enrolments(for stakeholder: StakeholderID, filter: ParticipationFilter<EnrolmentStatus>, page: PageRequest) async throws -> Page<Enrolment>
}

/// Pilot initiatives, their participants, activity log and status history.
public protocol PilotInitiativeRepository: Sendable {
    func create(_ input: PilotInitiativeInput, actor: String, now: Date) async throws -> PilotInitiative
    func find(_ id: PilotInitiativeID) async throws -> PilotInitiative?
    func list(_ filter: PilotInitiativeFilter, page: PageRequest) async throws -> Page<PilotInitiative>
    /// Merge-patches the fields and moves the status (proposed → active → completed, active ↔ suspended).
    func update(_ id: PilotInitiativeID, with input: PilotInitiativeInput, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative
    /// Adds an approved stakeholder, with a history entry; `expectedVersion` is the initiative's.
    func addParticipant(to id: PilotInitiativeID, _ stakeholder: StakeholderID, role: PilotParticipant.Role, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative
    /// Removes a participant, with a history entry; `expectedVersion` is the initiative's.
    func removeParticipant(from id: PilotInitiativeID, _ stakeholder: StakeholderID, expectedVersion: Int?, actor: String, now: Date) async throws -> PilotInitiative
    func addActivity(_ activity: PilotActivity) async throws -> PilotActivity
    /// Newest first.
    func activities(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<PilotActivity>
    func history(of id: PilotInitiativeID, page: PageRequest) async throws -> Page<HistoryEntry>
}
