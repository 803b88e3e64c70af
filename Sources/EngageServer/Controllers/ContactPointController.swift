import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/contact-points` (staff write, public read), and the contact points each event, workshop, pilot
/// initiative, project and resource names (`…/{id}/contact-points`: public read, staff replace).
struct ContactPointController: Sendable {
    let repository: any ContactPointRepository
    let clock: TimeSource

    /// The path segment of each kind of record that names contact points.
    static let targets: [(path: String, kind: ContactTarget.Kind, prefix: String)] = [
        ("events", .event, EventID.prefix), ("workshops", .workshop, WorkshopID.prefix),
        ("pilot-initiatives", .pilotInitiative, PilotInitiativeID.prefix), ("projects", .project, ProjectID.prefix),
        ("resources", .resource, ResourceID.prefix),
    ]

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/contact-points", use: create)
        router.get("/v1/contact-points", use: list)
        router.get("/v1/contact-points/:id", use: show)
        router.patch("/v1/contact-points/:id", use: update)
        for target in Self.targets {
            router.get("/v1/\(target.path)/:id/contact-points") { try await named(target, $0, $1) }
            router.put("/v1/\(target.path)/:id/contact-points") { try await name(target, $0, $1) }
        }
    }

    // MARK: Contact points

    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try ContactPointInput.parse(try await RequestBody.json(request, context: context), creating: true)
        let contactPoint = try await repository.create(input, now: clock.now())
        return try JSONResponse.make(ContactPointResponse(contactPoint), status: .created, headers: [
            .location: "/v1/contact-points/\(contactPoint.id)", .eTag: ContactPointResponse.etag(contactPoint),
        ])
    }

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let filter = query.recordFilter()
        let page = query.page()
        try query.check()
        let found = try await repository.list(filter, page: page)
        return try JSONResponse.make(ListResponse(data: found.items.map(ContactPointResponse.init), next: query.next(found.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try QueryReader(request, context).check()
        let id = try context.identifier("id", as: ContactPointID.self, resource: "contact point")
        guard let contactPoint = try await repository.find(id) else { throw DomainError.notFound(resource: "contact point", id: id.rawValue) }
        let etag = ContactPointResponse.etag(contactPoint)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag) }
        return try JSONResponse.make(ContactPointResponse(contactPoint), headers: [.eTag: etag])
    }

    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: ContactPointID.self, resource: "contact point")
        let input = try ContactPointInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false)
        let expected = try ConditionalRequest.expectedVersion(request)
        let contactPoint = try await repository.update(id, with: input, expectedVersion: expected, now: clock.now())
        return try JSONResponse.make(ContactPointResponse(contactPoint), headers: [.eTag: ContactPointResponse.etag(contactPoint)])
    }

    // MARK: Naming

    /// The contact points a record names, in its order (public).
    private func named(_ target: (path: String, kind: ContactTarget.Kind, prefix: String), _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try QueryReader(request, context).check()
        let named = try await repository.named(by: try Self.target(target, context))
        return try JSONResponse.make(ListResponse(data: named.map(ContactPointResponse.init), next: nil))
    }

    /// Replaces the contact points a record names (staff): `{"contact_point_ids": [...]}`, at most 20.
    private func name(_ target: (path: String, kind: ContactTarget.Kind, prefix: String), _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let subject = try Self.target(target, context)
        var reader = ObjectReader(try await RequestBody.json(request, context: context))
        // Read by hand, not deduplicated: the store names an ID listed twice by its position.
        var ids: [ContactPointID] = []
        switch reader.raw("contact_point_ids") {
        case nil, .null?:
            reader.fail("contact_point_ids", "is required; send [] to name none")
        case .array(let items)? where items.count > 20:
            reader.fail("contact_point_ids", "must have at most 20 items")
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item, let id = ContactPointID(rawValue: text) else {
                    reader.fail("contact_point_ids[\(index)]", "must be an identifier starting with \(ContactPointID.prefix)_")
                    continue
                }
                ids.append(id)
            }
        case let other?:
            reader.fail("contact_point_ids", "must be an array, got \(other.typeName)")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw DomainError.validation(reader.errors) }
        let named = try await repository.name(ids, by: subject)
        return try JSONResponse.make(ListResponse(data: named.map(ContactPointResponse.init), next: nil))
    }

    private static func target(_ target: (path: String, kind: ContactTarget.Kind, prefix: String), _ context: EngageRequestContext) throws -> ContactTarget {
        let id = context.parameters.get("id") ?? ""
        guard id.hasPrefix(target.prefix + "_"), id.count < 100 else { throw DomainError.notFound(resource: target.kind.resource, id: id) }
        return ContactTarget(target.kind, id)
    }
}
