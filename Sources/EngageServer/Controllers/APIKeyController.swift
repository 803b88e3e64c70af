import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/api-keys`: admins issue, list and revoke keys. Secrets are shown once, at creation.
struct APIKeyController: Sendable {
    let repository: any APIKeyRepository
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/api-keys", use: create)
        router.get("/v1/api-keys", use: list)
        router.get("/v1/api-keys/:id", use: show)
        router.delete("/v1/api-keys/:id", use: revoke)
    }

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireAdmin()
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        let name = reader.string("name", required: true, maxLength: 200, allowNull: false)
        let role = reader.enumeration("role", Role.self, required: true)
        reader.rejectUnknownFields()
        guard let name, let role, reader.errors.isEmpty else { throw DomainError.validation(reader.errors) }
        let secret = Secret.generate(prefix: Secret.apiKeyPrefix)
        let key = try await repository.create(
            name: name, role: role, secretHash: Secret.hash(secret), hint: Secret.hint(secret),
            createdBy: context.principal.actor, now: clock.now()
        )
        return try JSONResponse.withSecret(APIKeyResponse(key, secret: secret), headers: [.location: "/v1/api-keys/\(key.id)"])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireAdmin()
        var query = QueryReader(request, context)
        let page = query.page()
        try query.check()
        let keys = try await repository.list(page: page)
        return try JSONResponse.make(ListResponse(data: keys.items.map { APIKeyResponse($0) }, next: query.next(keys.next)))
    }

    /// One active key, without its secret. A revoked (deleted) key is gone here: 404; the list keeps it for audit.
    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireAdmin()
        let id = try context.identifier("id", as: APIKeyID.self, resource: "api key")
        guard let key = try await repository.find(id), key.revokedAt == nil else {
            throw DomainError.notFound(resource: "api key", id: id.rawValue)
        }
        return try JSONResponse.make(APIKeyResponse(key))
    }

    /// Revokes a key at once. Revoking the last active admin key is refused (409), so nobody is locked out.
    @Sendable func revoke(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireAdmin()
        let id = try context.identifier("id", as: APIKeyID.self, resource: "api key")
        _ = try await repository.revoke(id, now: clock.now())
        return Response(status: .noContent)
    }
}
