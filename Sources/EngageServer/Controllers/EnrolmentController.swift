import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/workshops/{id}/enrolments`: seats, the waiting list, cancellations and attendance.
struct EnrolmentController: Sendable {
    let repository: any WorkshopRepository
    /// For the organisation columns of the CSV export.
    let stakeholders: any StakeholderRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/workshops/:id/enrolments", use: enrol)
        router.get("/v1/workshops/:id/enrolments", use: list)
        router.get("/v1/workshops/:id/enrolments.csv", use: exportCSV)
        router.get("/v1/workshops/:id/enrolments/:eid", use: show)
        router.patch("/v1/workshops/:id/enrolments/:eid", use: attendance)
        router.post("/v1/workshops/:id/enrolments/:eid/cancel", use: cancel)
    }

    /// The stakeholder (with its token) or staff enrol a participant: a seat, or the waiting list.
    @Sendable func enrol(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let workshopID = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff key or the stakeholder's access token") }
        let input = try EnrolmentInput.parse(try await RequestBody.json(request, context: context))
        try context.requireActing(for: input.stakeholderID, "enrol for it")
        do {
            let enrolment = try await repository.enrol(in: workshopID, input, actor: context.principal.actor, now: clock.now())
            return try JSONResponse.make(EnrolmentResponse(enrolment), status: .created, headers: [
                .location: "/v1/workshops/\(workshopID)/enrolments/\(enrolment.id)", .eTag: EnrolmentResponse.etag(enrolment),
            ])
        } catch DomainError.duplicate(let detail, let existing) {
            throw Problem.duplicate(detail, at: "/v1/workshops/\(workshopID)/enrolments/\(existing)")
        }
    }

    /// Staff and readers see every enrolment; a stakeholder its own.
    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let workshopID = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        var query = QueryReader(request, context)
        let statuses = query.enumerations("status", EnrolmentStatus.self)
        let requested = query.identifier("stakeholder_id", StakeholderID.self)
        let order = query.order(ParticipationFilter<EnrolmentStatus>.orders)
        let since = query.updatedSince()
        let page = query.page()
        try query.check()
        var filter = ParticipationFilter(statuses: statuses, stakeholderID: try context.listScope(requested: requested))
        filter.order = order
        filter.updatedSince = since
        let enrolments = try await repository.enrolments(of: workshopID, filter: filter, page: page)
        return try JSONResponse.make(ListResponse(data: enrolments.items.map(EnrolmentResponse.init), next: query.next(enrolments.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let enrolment = try await visible(context)
        let etag = EnrolmentResponse.etag(enrolment)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(EnrolmentResponse(enrolment), headers: [.eTag: etag])
    }

    /// The stakeholder or staff cancel; the seat goes to the first on the waiting list.
    @Sendable func cancel(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await visible(context)
        try context.requireActing(for: current.stakeholderID, "cancel it")
        _ = try await DecisionBody.read(request, context: context, reasonRequired: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let enrolment = try await repository.cancelEnrolment(current.id, of: current.workshopID, expectedVersion: expected,
                                                             actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(EnrolmentResponse(enrolment), headers: [.eTag: EnrolmentResponse.etag(enrolment)])
    }

    /// Staff record attendance: `{"attended": true|false}`, once the workshop has begun.
    @Sendable func attendance(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let current = try await visible(context)
        var reader = ObjectReader(try await RequestBody.json(request, context: context, mergePatch: true))
        let attended = reader.bool("attended", required: true)
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let attended else { throw DomainError.validation(reader.errors) }
        let expected = try ConditionalRequest.expectedVersion(request)
        let enrolment = try await repository.setAttendance(current.id, of: current.workshopID, attended: attended, expectedVersion: expected, now: clock.now())
        return try JSONResponse.make(EnrolmentResponse(enrolment), headers: [.eTag: EnrolmentResponse.etag(enrolment)])
    }

    /// Attendance lists for the secretariat (API keys only).
    @Sendable func exportCSV(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        let workshopID = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        var query = QueryReader(request, context)
        let statuses = query.enumerations("status", EnrolmentStatus.self)
        let stakeholder = query.identifier("stakeholder_id", StakeholderID.self)
        try query.check()
        let enrolments = try await repository.allEnrolments(of: workshopID, filter: ParticipationFilter(statuses: statuses, stakeholderID: stakeholder))
        let organisations = try await OrganisationColumns(enrolments.map(\.stakeholderID), from: stakeholders)
        var csv = CSVWriter(header: ["enrolment_id", "stakeholder_id"] + OrganisationColumns.header + [
            "status", "waitlist_position", "priority", "participant_name", "participant_email", "participant_position", "attended", "enrolled_at",
        ])
        for enrolment in enrolments {
            csv.append([enrolment.id.rawValue, enrolment.stakeholderID.rawValue] + organisations.cells(enrolment.stakeholderID) + [
                enrolment.status.rawValue, enrolment.waitlistPosition.map(String.init),
                enrolment.priority ? "yes" : "no", enrolment.participant.name, enrolment.participant.email, enrolment.participant.position,
                enrolment.attended.map { $0 ? "yes" : "no" }, Timestamp.format(enrolment.createdAt),
            ])
        }
        return CSVWriter.response(csv, filename: "\(workshopID)-enrolments.csv")
    }

    /// The enrolment in the path, if the caller may see it (404 otherwise).
    private func visible(_ context: EngageRequestContext) async throws -> Enrolment {
        let workshopID = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        let id = try context.identifier("eid", as: EnrolmentID.self, resource: "enrolment")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the stakeholder's access token") }
        guard let enrolment = try await repository.findEnrolment(id, of: workshopID), context.maySee(ownedBy: { $0 == enrolment.stakeholderID }) else {
            throw DomainError.notFound(resource: "enrolment", id: id.rawValue)
        }
        return enrolment
    }
}
