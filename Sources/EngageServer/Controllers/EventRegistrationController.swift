import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/events/{id}/registrations`: stakeholders register their delegations; staff decide.
struct EventRegistrationController: Sendable {
    let repository: any EventRegistrationRepository
    /// For the organisation columns of the CSV export.
    let stakeholders: any StakeholderRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/events/:id/registrations", use: register)
        router.get("/v1/events/:id/registrations", use: list)
        router.get("/v1/events/:id/registrations.csv", use: exportCSV)
        router.get("/v1/events/:id/registrations/:rid", use: show)
        router.patch("/v1/events/:id/registrations/:rid", use: update)
        router.get("/v1/events/:id/registrations/:rid/history", use: history)
        for decision in ReviewDecision.allCases {
            router.post("/v1/events/:id/registrations/:rid/\(decision.rawValue)") { try await decide(decision, $0, $1) }
        }
    }

    // MARK: Handlers

    /// The stakeholder (with its token) or staff on its behalf registers participants.
    @Sendable func register(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff key or the stakeholder's access token") }
        let input = try EventRegistrationInput.parse(try await RequestBody.json(request, context: context))
        try context.requireActing(for: input.stakeholderID, "register for it")
        do {
            let registration = try await repository.register(for: eventID, input, actor: context.principal.actor, now: clock.now())
            return try JSONResponse.make(EventRegistrationResponse(registration), status: .created, headers: [
                .location: Self.path(registration), .eTag: EventRegistrationResponse.etag(registration),
            ])
        } catch DomainError.duplicate(let detail, let existing) {
            throw Problem.duplicate(detail, at: "/v1/events/\(eventID)/registrations/\(existing)")
        }
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        var query = QueryReader(request, context)
        let (filter, page) = try Self.filter(&query, context, listing: true)
        let registrations = try await repository.list(of: eventID, filter: filter, page: page)
        return try JSONResponse.make(ListResponse(data: registrations.items.map(EventRegistrationResponse.init), next: query.next(registrations.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let registration = try await visible(context)
        let etag = EventRegistrationResponse.etag(registration)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(EventRegistrationResponse(registration), headers: [.eTag: etag])
    }

    /// The organisation (while registration is open) or staff (until the event closes) replaces the delegation.
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await visible(context)
        try context.requireActing(for: current.stakeholderID, "change its registration")
        let patch = try EventRegistrationPatch.parse(try await RequestBody.json(request, context: context, mergePatch: true))
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.update(
            current.id, of: current.eventID, with: patch, by: context.editor, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(EventRegistrationResponse(updated), headers: [.eTag: EventRegistrationResponse.etag(updated)])
    }

    /// What happened to the registration, oldest first (whoever may see it).
    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let registration = try await visible(context)
        return try await HistoryResponse.list(request, context) { try await repository.history(of: registration.id, of: registration.eventID, page: $0) }
    }

    /// Staff approve or reject; the stakeholder (or staff) withdraws.
    private func decide(_ decision: ReviewDecision, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        if decision.isStaffOnly { try context.requireStaff() }
        let current = try await visible(context)
        if !decision.isStaffOnly { try context.requireActing(for: current.stakeholderID, "withdraw it") }
        let body = try await DecisionBody.read(request, context: context, reasonRequired: decision.requiresReason)
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.decide(
            current.id, of: current.eventID, decision, reason: body.reason, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(EventRegistrationResponse(updated), headers: [.eTag: EventRegistrationResponse.etag(updated)])
    }

    /// One row per participant, for the secretariat's lists (API keys only).
    @Sendable func exportCSV(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        var query = QueryReader(request, context)
        let (filter, _) = try Self.filter(&query, context)
        let registrations = try await repository.all(of: eventID, filter: filter)
        let organisations = try await OrganisationColumns(registrations.map(\.stakeholderID), from: stakeholders)
        var csv = CSVWriter(header: ["registration_id", "stakeholder_id"] + OrganisationColumns.header + [
            "status", "participant_name", "participant_email", "participant_role", "registered_at",
        ])
        for registration in registrations {
            for person in registration.participants {
                csv.append([registration.id.rawValue, registration.stakeholderID.rawValue] + organisations.cells(registration.stakeholderID) + [
                    registration.status.rawValue, person.name, person.email, person.role.rawValue, Timestamp.format(registration.createdAt),
                ])
            }
        }
        return CSVWriter.response(csv, filename: "\(eventID)-registrations.csv")
    }

    // MARK: Helpers

    /// The registration in the path, if the caller may see it (404 otherwise: its existence is private too).
    private func visible(_ context: EngageRequestContext) async throws -> EventRegistration {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        let id = try context.identifier("rid", as: EventRegistrationID.self, resource: "registration")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the stakeholder's access token") }
        guard let registration = try await repository.find(id, of: eventID),
              context.maySee(ownedBy: { $0 == registration.stakeholderID }) else {
            throw DomainError.notFound(resource: "registration", id: id.rawValue)
        }
        return registration
    }

    /// The filters of the list and its CSV, checked together so one 400 names every bad parameter; only the list
    /// takes `sort`, `updated_since` and paging (the CSV is every registration, in registration order).
    private static func filter(_ query: inout QueryReader, _ context: EngageRequestContext,
                               listing: Bool = false) throws -> (ParticipationFilter<RegistrationStatus>, PageRequest) {
        let statuses = query.enumerations("status", RegistrationStatus.self)
        let requested = query.identifier("stakeholder_id", StakeholderID.self)
        let order = listing ? query.order(ParticipationFilter<RegistrationStatus>.orders) : nil
        let since = listing ? query.updatedSince() : nil
        let page = listing ? query.page() : PageRequest()
        try query.check()
        var filter = ParticipationFilter(statuses: statuses, stakeholderID: try context.listScope(requested: requested))
        filter.order = order
        filter.updatedSince = since
        return (filter, page)
    }

    private static func path(_ registration: EventRegistration) -> String {
        "/v1/events/\(registration.eventID)/registrations/\(registration.id)"
    }
}
