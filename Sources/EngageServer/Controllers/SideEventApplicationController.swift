import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/events/{id}/side-event-applications`: stakeholders apply to organise side events; staff decide.
struct SideEventApplicationController: Sendable {
    let repository: any SideEventApplicationRepository
    /// For the organisation columns of the CSV export.
    let stakeholders: any StakeholderRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/events/:id/side-event-applications", use: submit)
        router.get("/v1/events/:id/side-event-applications", use: list)
        router.get("/v1/events/:id/side-event-applications.csv", use: exportCSV)
        router.get("/v1/events/:id/organizers", use: organizers)
        router.get("/v1/events/:id/side-event-applications/:aid", use: show)
        router.patch("/v1/events/:id/side-event-applications/:aid", use: update)
        router.get("/v1/events/:id/side-event-applications/:aid/history", use: history)
        for decision in ReviewDecision.allCases {
            router.post("/v1/events/:id/side-event-applications/:aid/\(decision.rawValue)") { try await decide(decision, $0, $1) }
        }
        router.post("/v1/events/:id/side-event-applications/:aid/co-organizer-consent", use: answer)
    }

    // MARK: Handlers

    @Sendable func submit(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff key or the organiser's access token") }
        let input = try SideEventApplicationInput.parse(try await RequestBody.json(request, context: context))
        try context.requireActing(for: input.stakeholderID, "apply as this organiser")
        do {
            let application = try await repository.submit(for: eventID, input, actor: context.principal.actor, now: clock.now())
            return try JSONResponse.make(SideEventApplicationResponse(application), status: .created, headers: [
                .location: "/v1/events/\(eventID)/side-event-applications/\(application.id)",
                .eTag: SideEventApplicationResponse.etag(application),
            ])
        } catch DomainError.duplicate(let detail, let existing) {
            throw Problem.duplicate(detail, at: "/v1/events/\(eventID)/side-event-applications/\(existing)")
        }
    }

    /// Staff and readers see every application; a stakeholder those it organises or co-organises.
    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        var query = QueryReader(request, context)
        let statuses = query.enumerations("status", SideEventApplicationStatus.self)
        let requested = query.identifier("stakeholder_id", StakeholderID.self)
        let order = query.order(ParticipationFilter<SideEventApplicationStatus>.orders)
        let since = query.updatedSince()
        let page = query.page()
        try query.check()
        var filter = ParticipationFilter(statuses: statuses, stakeholderID: try context.listScope(requested: requested))
        filter.order = order
        filter.updatedSince = since
        let applications = try await repository.list(of: eventID, filter: filter, page: page)
        return try JSONResponse.make(ListResponse(data: applications.items.map(SideEventApplicationResponse.init), next: query.next(applications.next)))
    }

    /// One row per application, with its organiser's name, kind, country and region (API keys only).
    @Sendable func exportCSV(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        var query = QueryReader(request, context)
        let filter = ParticipationFilter(
            statuses: query.enumerations("status", SideEventApplicationStatus.self), stakeholderID: query.identifier("stakeholder_id", StakeholderID.self))
        try query.check()
        var applications: [SideEventApplication] = []
        var page = PageRequest(limit: PageRequest.maximumLimit)
        repeat {
            let found = try await repository.list(of: eventID, filter: filter, page: page)
            applications += found.items
            page.after = found.next
        } while page.after != nil
        let organisations = try await OrganisationColumns(applications.map(\.stakeholderID), from: stakeholders)
        var csv = CSVWriter(header: ["application_id", "stakeholder_id"] + OrganisationColumns.header + [
            "status", "title", "format", "co_organizer_ids", "preferred_dates", "side_event_id", "submitted_at",
        ])
        for application in applications {
            csv.append([application.id.rawValue, application.stakeholderID.rawValue] + organisations.cells(application.stakeholderID) + [
                application.status.rawValue, application.title, application.format?.rawValue,
                application.coOrganizers.map(\.rawValue).joined(separator: " "), application.preferredDates.map(\.description).joined(separator: " "),
                application.sideEventID?.rawValue, Timestamp.format(application.createdAt),
            ])
        }
        return CSVWriter.response(csv, filename: "\(eventID)-side-event-applications.csv")
    }

    /// Who organises a side event (public: organising a public side event is public); empty for other events.
    @Sendable func organizers(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try QueryReader(request, context).check()
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        let organizers = try await repository.organizers(of: eventID)
        return try JSONResponse.make(ListResponse(data: organizers.map(SideEventOrganizerResponse.init), next: nil))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let application = try await visible(context)
        let etag = SideEventApplicationResponse.etag(application)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(SideEventApplicationResponse(application), headers: [.eTag: etag])
    }

    /// The organiser (during the application period) or staff (until the event closes) edits an undecided application.
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await visible(context)
        try context.requireActing(for: current.stakeholderID, "edit the application")
        let patch = try SideEventApplicationPatch.parse(try await RequestBody.json(request, context: context, mergePatch: true))
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.update(
            current.id, of: current.eventID, with: patch, by: context.editor, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(SideEventApplicationResponse(updated), headers: [.eTag: SideEventApplicationResponse.etag(updated)])
    }

    /// What happened to the application, oldest first (staff, readers, the organiser and co-organisers).
    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let application = try await visible(context)
        return try await HistoryResponse.list(request, context) { try await repository.history(of: application.id, of: application.eventID, page: $0) }
    }

    /// Staff approve (optionally creating the side event: `create_event`) or reject; the organiser withdraws.
    private func decide(_ decision: ReviewDecision, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        if decision.isStaffOnly { try context.requireStaff() }
        let current = try await visible(context)
        if !decision.isStaffOnly { try context.requireActing(for: current.stakeholderID, "withdraw it") }
        let body = try await DecisionBody.read(request, context: context, reasonRequired: decision.requiresReason,
                                               flags: decision == .approve ? ["create_event"] : [])
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.decide(
            current.id, of: current.eventID, decision, reason: body.reason, createEvent: body.flags["create_event"] ?? false,
            expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(SideEventApplicationResponse(updated), headers: [.eTag: SideEventApplicationResponse.etag(updated)])
    }

    /// A named co-organiser, with its own token, confirms or declines (`{"consent": "confirmed" | "declined"}`).
    @Sendable func answer(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await visible(context)
        guard case .stakeholder(let coOrganizer) = context.principal, current.coOrganizers.contains(coOrganizer) else {
            throw Problem.forbidden("only a named co-organiser, with its own access token, may confirm or decline")
        }
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let consent = reader.enumeration("consent", CoOrganizerConsent.self, required: true, allowNull: false)
        if consent == .pending { reader.fail("consent", "must be confirmed or declined") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let consent else { throw DomainError.validation(reader.errors) }
        let updated = try await repository.answer(
            current.id, of: current.eventID, coOrganizer: coOrganizer, consent, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(SideEventApplicationResponse(updated), headers: [.eTag: SideEventApplicationResponse.etag(updated)])
    }

    // MARK: Helpers

    private func visible(_ context: EngageRequestContext) async throws -> SideEventApplication {
        let eventID = try context.identifier("id", as: EventID.self, resource: "event")
        let id = try context.identifier("aid", as: SideEventApplicationID.self, resource: "side-event application")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the organiser's access token") }
        guard let application = try await repository.find(id, of: eventID),
              context.maySee(ownedBy: application.isOrganized(by:)) else {
            throw DomainError.notFound(resource: "side-event application", id: id.rawValue)
        }
        return application
    }
}
