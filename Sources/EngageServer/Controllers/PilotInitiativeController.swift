import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/pilot-initiatives`: country initiatives, their participants and activity log (staff write, public read).
struct PilotInitiativeController: Sendable {
    let repository: any PilotInitiativeRepository
    /// For the organisation columns of the participants' CSV.
    let stakeholders: any StakeholderRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/pilot-initiatives", use: create)
        router.get("/v1/pilot-initiatives", use: list)
        router.get("/v1/pilot-initiatives/:id", use: show)
        router.patch("/v1/pilot-initiatives/:id", use: update)
        router.post("/v1/pilot-initiatives/:id/participants", use: addParticipant)
        router.get("/v1/pilot-initiatives/:id/participants.csv", use: participantsCSV)
        router.delete("/v1/pilot-initiatives/:id/participants/:stakeholder", use: removeParticipant)
        router.post("/v1/pilot-initiatives/:id/activities", use: addActivity)
        router.get("/v1/pilot-initiatives/:id/activities", use: activities)
        router.get("/v1/pilot-initiatives/:id/history", use: history)
    }

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try PilotInitiativeInput.parse(try await RequestBody.json(request, context: context), creating: true)
        let initiative = try await repository.create(input, actor: context.principal.actor, now: clock.now())
        return try Self.respond(initiative, .afterWrite(request), status: .created, headers: [.location: "/v1/pilot-initiatives/\(initiative.id)"])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = PilotInitiativeFilter(
            country: query.country("country"), statuses: query.enumerations("status", PilotStatus.self),
            priorities: query.enumerations("priority", Topic.self), stakeholderID: query.identifier("stakeholder_id", StakeholderID.self),
            projectID: query.identifier("project_id", ProjectID.self))
        filter.updatedSince = query.updatedSince()
        filter.order = query.order(PilotInitiativeFilter.orders)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        let initiatives = try await repository.list(filter, page: page)
        return try localization.respond(ListResponse(data: initiatives.items.map { PilotInitiativeResponse($0, localization) }, next: query.next(initiatives.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let localization = Localization.of(request, query: &query)
        try query.check()
        let initiative = try await find(context)
        let etag = PilotInitiativeResponse.etag(initiative, localization)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag, localized: true) }
        return try Self.respond(initiative, localization)
    }

    /// The participating organisations, with their name, kind, country and region (API keys only).
    @Sendable func participantsCSV(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        try QueryReader(request, context).check()
        let initiative = try await find(context)
        let organisations = try await OrganisationColumns(initiative.participants.map(\.stakeholderID), from: stakeholders)
        var csv = CSVWriter(header: ["stakeholder_id"] + OrganisationColumns.header + ["role", "joined_at"])
        for participant in initiative.participants {
            csv.append([participant.stakeholderID.rawValue] + organisations.cells(participant.stakeholderID)
                       + [participant.role.rawValue, Timestamp.format(participant.joinedAt)])
        }
        return CSVWriter.response(csv, filename: "\(initiative.id)-participants.csv")
    }

    /// Merge-patch by staff; `status` moves proposed → active → completed, active ↔ suspended (anything else is a 409).
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        let input = try PilotInitiativeInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let initiative = try await repository.update(id, with: input, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try Self.respond(initiative, .afterWrite(request))
    }

    /// Staff add an approved stakeholder: `{stakeholder_id, role}`; `If-Match` names the initiative's version.
    @Sendable func addParticipant(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let stakeholder = reader.identifier("stakeholder_id", StakeholderID.self, required: true, allowNull: false)
        let role = reader.enumeration("role", PilotParticipant.Role.self, required: true, allowNull: false)
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let stakeholder, let role else { throw DomainError.validation(reader.errors) }
        let expected = try ConditionalRequest.expectedVersion(request)
        do {
            let initiative = try await repository.addParticipant(
                to: id, stakeholder, role: role, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
            return try Self.respond(initiative, .afterWrite(request), status: .created, headers: [.location: "/v1/pilot-initiatives/\(id)"])
        } catch DomainError.duplicate(let detail, _) {
            throw Problem.duplicate(detail, at: "/v1/pilot-initiatives/\(id)")
        }
    }

    private static func respond(_ initiative: PilotInitiative, _ localization: Localization, status: HTTPResponse.Status = .ok,
                                headers: HTTPFields = [:]) throws -> Response {
        try localization.respond(PilotInitiativeResponse(initiative, localization), language: localization.language(of: initiative.title),
                                 etag: PilotInitiativeResponse.etag(initiative, localization), status: status, headers: headers)
    }

    @Sendable func removeParticipant(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        let stakeholder = try context.identifier("stakeholder", as: StakeholderID.self, resource: "participant")
        let expected = try ConditionalRequest.expectedVersion(request)
        _ = try await repository.removeParticipant(from: id, stakeholder, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return Response(status: .noContent)
    }

    /// Staff log an activity: `{date, kind, title, summary}`.
    @Sendable func addActivity(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        let activity = try PilotActivity.parse(try await RequestBody.json(request, context: context), initiative: id,
                                               actor: context.principal.actor, now: clock.now())
        let stored = try await repository.addActivity(activity)
        return try JSONResponse.make(ActivityResponse(stored), status: .created)
    }

    /// The activity log, newest first.
    @Sendable func activities(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        var query = QueryReader(request, context)
        let page = query.page()
        try query.check()
        let activities = try await repository.activities(of: id, page: page)
        return try JSONResponse.make(ListResponse(data: activities.items.map(ActivityResponse.init), next: query.next(activities.next)))
    }

    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try await HistoryResponse.page(request, context, PilotInitiativeID.self, resource: "pilot initiative") { try await repository.history(of: $0, page: $1) }
    }

    private func find(_ context: EngageRequestContext) async throws -> PilotInitiative {
        let id = try context.identifier("id", as: PilotInitiativeID.self, resource: "pilot initiative")
        guard let initiative = try await repository.find(id) else { throw DomainError.notFound(resource: "pilot initiative", id: id.rawValue) }
        return initiative
    }
}
