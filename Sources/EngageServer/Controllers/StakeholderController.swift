import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/stakeholders`: self-registration, the public directory, review and history.
struct StakeholderController: Sendable {
    let repository: any StakeholderRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/stakeholders", use: register)
        router.get("/v1/stakeholders", use: list)
        router.get("/v1/stakeholders.csv", use: exportCSV)
        router.get("/v1/stakeholders/:id", use: show)
        router.patch("/v1/stakeholders/:id", use: update)
        router.post("/v1/stakeholders/:id/approve") { try await decide(.approve, $0, $1) }
        router.post("/v1/stakeholders/:id/reject") { try await decide(.reject, $0, $1) }
        router.post("/v1/stakeholders/:id/suspend") { try await decide(.suspend, $0, $1) }
        router.post("/v1/stakeholders/:id/resubmit", use: resubmit)
        router.post("/v1/stakeholders/:id/merge", use: merge)
        router.get("/v1/stakeholders/:id/pending-changes", use: pendingChanges)
        router.post("/v1/stakeholders/:id/pending-changes/approve") { try await settle(approve: true, $0, $1) }
        router.post("/v1/stakeholders/:id/pending-changes/reject") { try await settle(approve: false, $0, $1) }
        router.get("/v1/stakeholders/:id/history", use: history)
        router.get("/v1/stakeholders/:id/members", use: members)
        router.post("/v1/stakeholders/:id/access-token", use: reissueAccessToken)
    }

    // MARK: Registration and profile

    /// Public self-registration: 201 with the one-time access token.
    @Sendable func register(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let input = try StakeholderInput.parse(try await RequestBody.json(request, context: context), mode: .register)
        let token = Secret.generate(prefix: Secret.accessTokenPrefix)
        let stakeholder = try await repository.register(input, accessTokenHash: Secret.hash(token), actor: context.principal.actor, now: clock.now())
        return try JSONResponse.withSecret(
            StakeholderResponse(stakeholder, audience: context.ownAudience, accessToken: token),
            headers: [.location: "/v1/stakeholders/\(stakeholder.id)", .eTag: StakeholderResponse.etag(stakeholder, audience: context.ownAudience)]
        )
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let (stakeholder, audience) = try await visibleStakeholder(context)
        let etag = StakeholderResponse.etag(stakeholder, audience: audience)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(StakeholderResponse(stakeholder, audience: audience), headers: [.eTag: etag])
    }

    /// JSON merge-patch of the profile, by staff or the stakeholder itself; honours If-Match. An approved
    /// organisation's own changes to its trust-bearing fields wait for review (`ProfileReview`).
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await ownedStakeholder(context, action: "update this profile")
        if context.principal.isStakeholder(current.id), let refusal = current.selfServiceRefusal("change its profile") {
            throw Problem.forbidden(refusal)
        }
        let input = try StakeholderInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), mode: .patch)
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.update(
            current.id, with: input, bySelf: context.principal.isStakeholder(current.id), expectedVersion: expected,
            actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(
            StakeholderResponse(updated, audience: context.ownAudience), headers: [.eTag: StakeholderResponse.etag(updated, audience: context.ownAudience)])
    }

    /// A rejected organisation submits its registration again, optionally with corrections (a merge-patch body).
    @Sendable func resubmit(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let current = try await ownedStakeholder(context, action: "resubmit its registration")
        let input = try StakeholderInput.parse(try await RequestBody.optionalJSON(request, context: context), mode: .patch)
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.resubmit(current.id, with: input, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(
            StakeholderResponse(updated, audience: context.ownAudience), headers: [.eTag: StakeholderResponse.etag(updated, audience: context.ownAudience)])
    }

    /// A new access token for the stakeholder; the old one stops working.
    @Sendable func reissueAccessToken(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let stakeholder = try await ownedStakeholder(context, action: "reissue its access token")
        let token = Secret.generate(prefix: Secret.accessTokenPrefix)
        try await repository.replaceAccessToken(of: stakeholder.id, hash: Secret.hash(token), actor: context.principal.actor, now: clock.now())
        return try JSONResponse.withSecret(AccessTokenResponse(stakeholderId: stakeholder.id.rawValue, accessToken: token))
    }

    // MARK: Review

    private func decide(_ decision: StakeholderStatus.Decision, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        let reason = try await DecisionBody.read(request, context: context, reasonRequired: decision.requiresReason).reason
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.decide(id, decision, reason: reason, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(
            StakeholderResponse(updated, audience: context.ownAudience), headers: [.eTag: StakeholderResponse.etag(updated, audience: context.ownAudience)])
    }

    /// Staff merge a duplicate (the path's record) `{into}` the record that stays; its ID then redirects there.
    @Sendable func merge(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let into = reader.identifier("into", StakeholderID.self, required: true, allowNull: false)
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty, let into else { throw DomainError.validation(reader.errors) }
        let expected = try ConditionalRequest.expectedVersion(request)
        let survivor = try await repository.merge(id, into: into, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(StakeholderResponse(survivor, audience: context.ownAudience), headers: [
            .eTag: StakeholderResponse.etag(survivor, audience: context.ownAudience), .contentLocation: "/v1/stakeholders/\(survivor.id)",
        ])
    }

    /// The proposed changes beside the approved values (API keys and the organisation itself).
    @Sendable func pendingChanges(_ request: Request, context: EngageRequestContext) async throws -> Response {
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the organisation's access token") }
        let (stakeholder, audience) = try await visibleStakeholder(context)
        guard audience.isPrivate else { throw Problem.forbidden("only API keys and the organisation itself may read its pending changes") }
        return try JSONResponse.make(PendingChangesResponse(stakeholder))
    }

    /// Staff approve (apply) or reject the pending change; a rejection needs a reason.
    private func settle(approve: Bool, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        let reason = try await DecisionBody.read(request, context: context, reasonRequired: !approve).reason
        let expected = try ConditionalRequest.expectedVersion(request)
        let updated = try await repository.settlePendingChange(
            id, approve: approve, reason: reason, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try JSONResponse.make(
            StakeholderResponse(updated, audience: context.ownAudience), headers: [.eTag: StakeholderResponse.etag(updated, audience: context.ownAudience)])
    }

    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        var query = QueryReader(request, context)
        let page = query.page()
        try query.check()
        let entries = try await repository.history(of: id, page: page)
        return try JSONResponse.make(ListResponse(data: entries.items.map(StakeholderHistoryResponse.init), next: query.next(entries.next)))
    }

    // MARK: Directory

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let filter = try self.filter(&query, context: context)
        let page = query.page()
        try query.check()
        // The members of a network the caller may not see are not listed (nor is the network's existence confirmed).
        if let network = filter.memberOf, !context.principal.canReadPrivateData,
           try await repository.find(network).flatMap({ Audience.of($0, for: context.principal) }) == nil {
            return try JSONResponse.make(ListResponse<StakeholderResponse>(data: [], next: nil))
        }
        return try await respondWithPage(filter, page, context, query)
    }

    /// The members of a network (`member_of` filter on the list).
    @Sendable func members(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let (network, _) = try await visibleStakeholder(context)
        var query = QueryReader(request, context)
        var filter = try self.filter(&query, context: context, acceptsMemberOf: false)
        filter.memberOf = network.id
        let page = query.page()
        try query.check()
        return try await respondWithPage(filter, page, context, query)
    }

    /// The whole filtered directory as CSV, for the secretariat (staff and readers).
    @Sendable func exportCSV(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        var query = QueryReader(request, context)
        let filter = try self.filter(&query, context: context)
        try query.check()
        var csv = CSVWriter(header: [
            "id", "name", "acronym", "kind", "country", "region", "website", "ecosoc_status", "topics", "member_of",
            "status", "status_reason", "contact_name", "contact_email", "contact_phone", "created_at", "updated_at",
        ])
        let formatter = ISO8601DateFormatter()
        for s in try await repository.all(filter) {
            csv.append([
                s.id.rawValue, s.name, s.acronym, s.kind.rawValue, s.country, s.region?.rawValue, s.website, s.ecosocStatus.rawValue,
                s.topics.map(\.rawValue).joined(separator: ";"), s.memberOf.map(\.rawValue).joined(separator: ";"),
                s.status.rawValue, s.statusReason, s.contact.name, s.contact.email, s.contact.phone,
                formatter.string(from: s.createdAt), formatter.string(from: s.updatedAt),
            ])
        }
        return CSVWriter.response(csv, filename: "stakeholders.csv")
    }

    // MARK: Helpers

    /// The stakeholder named in the path, as this caller may see it; 404 when it may not.
    private func visibleStakeholder(_ context: EngageRequestContext) async throws -> (Stakeholder, Audience) {
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        guard let stakeholder = try await repository.find(id), let audience = Audience.of(stakeholder, for: context.principal) else {
            throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
        }
        return (stakeholder, audience)
    }

    /// The stakeholder named in the path, for a change only staff or the stakeholder itself may make.
    private func ownedStakeholder(_ context: EngageRequestContext, action: String) async throws -> Stakeholder {
        if context.principal == .anonymous {
            throw Problem.unauthorized("to \(action), use a staff key or the stakeholder's access token")
        }
        let (stakeholder, _) = try await visibleStakeholder(context)
        guard context.principal.isStaff || context.principal.isStakeholder(stakeholder.id) else {
            throw Problem.forbidden("only staff or the stakeholder itself may \(action)")
        }
        return stakeholder
    }

    /// One page of the directory as this caller may see it.
    private func respondWithPage(
        _ filter: StakeholderFilter, _ page: PageRequest, _ context: EngageRequestContext, _ query: QueryReader
    ) async throws -> Response {
        let result = try await repository.list(filter, page: page)
        let visible = result.items.compactMap { s in Audience.of(s, for: context.principal).map { StakeholderResponse(s, audience: $0) } }
        return try JSONResponse.make(ListResponse(data: visible, next: query.next(result.next)))
    }

    /// The list filters. The public directory only ever holds approved stakeholders.
    private func filter(_ query: inout QueryReader, context: EngageRequestContext, acceptsMemberOf: Bool = true) throws -> StakeholderFilter {
        var filter = StakeholderFilter(country: query.country("country"), memberOf: acceptsMemberOf ? query.identifier("member_of", StakeholderID.self) : nil)
        filter.kinds = query.enumerations("kind", StakeholderKind.self)
        filter.regions = query.enumerations("region", UNRegion.self)
        filter.topics = query.enumerations("topic", Topic.self)
        filter.statuses = query.enumerations("status", StakeholderStatus.self)
        filter.query = query.searchText("q")
        filter.updatedSince = query.updatedSince()
        filter.order = query.order(StakeholderFilter.orders)
        if !context.principal.canReadPrivateData {
            if filter.statuses.contains(where: { $0 != .approved }) {
                try query.checkValues()
                throw Problem.forbidden("only API keys may list stakeholders that are not approved")
            }
            filter.statuses = [.approved]
        }
        return filter
    }
}

/// The one-time response of an access-token reissue.
struct AccessTokenResponse: Encodable, Sendable {
    var stakeholderId: String
    var accessToken: String
}

extension EngageRequestContext {
    /// How the caller sees a stakeholder it just changed or created: API keys as staff, anyone else as the organisation itself.
    var ownAudience: Audience { principal.canReadPrivateData ? .staff : .full }
}
