import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// Personal data as a data controller handles it: an organisation's export, its erasure, and the
/// erasure of one person wherever they were named.
struct PersonalDataController: Sendable {
    let repository: any PersonalDataRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/stakeholders/:id/export", use: export)
        router.post("/v1/stakeholders/:id/erase", use: erase)
        router.post("/v1/participants/erase", use: eraseParticipant)
    }

    // MARK: Handlers

    /// The whole dossier, for the organisation itself or staff; never stored by caches.
    @Sendable func export(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff key or the organisation's access token") }
        guard context.principal.isStaff || context.principal.isStakeholder(id) else {
            // To other callers, the dossier of an organisation they may not see does not exist.
            if !context.principal.canReadPrivateData { throw DomainError.notFound(resource: "stakeholder", id: id.rawValue) }
            throw Problem.forbidden("only staff or the organisation itself may export its data")
        }
        guard let dossier = try await repository.dossier(of: id) else { throw DomainError.notFound(resource: "stakeholder", id: id.rawValue) }
        var response = try JSONResponse.make(PersonalDataExportResponse(dossier, at: clock.now()), headers: [
            .contentDisposition: "attachment; filename=\"engage-\(id).json\"",
        ])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Staff erase an organisation's personal data, with the reason (kept in its history).
    @Sendable func erase(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        let reason = try await DecisionBody.read(request, context: context, reasonRequired: true).reason ?? ""
        let erased = try await repository.erase(id, reason: reason, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(
            StakeholderResponse(erased, audience: .staff), headers: [.eTag: StakeholderResponse.etag(erased, audience: .staff)])
    }

    /// Staff erase one person, by e-mail address, from every registration and enrolment.
    @Sendable func eraseParticipant(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let email = reader.string("email", required: true, maxLength: 254, allowNull: false)
        if let email, !Formats.isEmail(email) { reader.fail("email", "must be an e-mail address") }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let email else { throw DomainError.validation(reader.errors) }
        let count = try await repository.eraseParticipant(email: email, now: clock.now())
        return try JSONResponse.make(ParticipantErasureResponse(erasedRecords: count))
    }
}

/// How many registrations and enrolments an erasure of one person changed.
struct ParticipantErasureResponse: Encodable, Sendable {
    var erasedRecords: Int
}
