import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/announcements`: staff publish news to an audience, now or at `publish_at`; the published
/// ones are public, as JSON in the reader's language and as an Atom feed.
struct AnnouncementController: Sendable {
    let repository: any AnnouncementRepository
    let clock: TimeSource
    /// Where the API is reached from outside (links in the feed).
    let publicURL: String

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/announcements", use: create)
        router.get("/v1/announcements", use: list)
        router.get("/v1/announcements.atom", use: feed)
        router.get("/v1/announcements/:id", use: show)
        router.patch("/v1/announcements/:id", use: update)
        router.post("/v1/announcements/:id/withdraw", use: withdraw)
    }

    // MARK: Staff

    /// 201; published at once (and sent) unless `publish_at` lies ahead.
    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        let now = clock.now()
        let input = try AnnouncementInput.parse(try await RequestBody.json(request, context: context), creating: true, now: now)
        let announcement = try await repository.create(input.newAnnouncement(createdBy: context.principal.actor, now: now), now: now)
        return try respond(announcement, request, context, status: .created, location: true)
    }

    /// A change before publication; a correction after it (sent to the audience again).
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        let id = try context.identifier("id", as: AnnouncementID.self, resource: "announcement")
        let input = try AnnouncementInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), creating: false, now: clock.now())
        let expected = try ConditionalRequest.expectedVersion(request)
        let announcement = try await repository.update(id, with: input, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try respond(announcement, request, context)
    }

    @Sendable func withdraw(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        let id = try context.identifier("id", as: AnnouncementID.self, resource: "announcement")
        var reader = ObjectReader(try await RequestBody.optionalJSON(request, context: context))
        reader.rejectUnknownFields()
        if !reader.errors.isEmpty { throw DomainError.validation(reader.errors) }
        let announcement = try await repository.withdraw(id, expectedVersion: try ConditionalRequest.expectedVersion(request), now: clock.now())
        return try respond(announcement, request, context)
    }

    // MARK: Public

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        let translations = Self.translations(&query)
        var filter = AnnouncementFilter(
            statuses: query.enumerations("status", AnnouncementStatus.self), eventID: query.identifier("event_id", EventID.self),
            languages: query.enumerations("language", UNLanguage.self))
        if let from = query.string("from") {
            if let instant = Timestamp.parse(from) { filter.from = instant } else { query.fail("from", "must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z") }
        }
        filter.order = query.order(AnnouncementFilter.orders)
        filter.updatedSince = query.updatedSince()
        let page = query.page()
        try query.check()
        let staff = context.principal.isStaff
        if !staff {
            if filter.statuses.contains(where: { $0 != .published }) { throw Problem.forbidden("only staff see announcements that are not published") }
            filter.statuses = [.published]
        }
        let found = try await repository.list(filter, page: page)
        let items = found.items.map {
            AnnouncementResponse($0, language: language.choose(for: $0.title), translations: translations, staff: staff)
        }
        var response = try JSONResponse.make(ListResponse(data: items, next: query.next(found.next)))
        response.headers[.contentLanguage] = language.first.rawValue
        response.headers[.vary] = "Accept-Language"
        return response
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let id = try context.identifier("id", as: AnnouncementID.self, resource: "announcement")
        guard let announcement = try await repository.find(id), announcement.status == .published || context.principal.isStaff else {
            throw DomainError.notFound(resource: "announcement", id: id.rawValue)
        }
        return try respond(announcement, request, context, conditional: true)
    }

    /// The newest 50 published announcements as Atom.
    @Sendable func feed(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        try query.check()
        let feed = AtomFeed(announcements: try await repository.latest(limit: 50), language: language, publicURL: publicURL)
        return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .contentLanguage: language.first.rawValue,
                                               .vary: "Accept-Language"],
                        body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }

    // MARK: Helpers

    private func respond(
        _ announcement: Announcement, _ request: Request, _ context: EngageRequestContext, status: HTTPResponse.Status = .ok,
        location: Bool = false, conditional: Bool = false
    ) throws -> Response {
        var query = QueryReader(request, context)
        let preference = LanguagePreference.of(request, query: &query)
        let translations = Self.translations(&query)
        try query.check()
        let staff = context.principal.isStaff
        let language = preference.choose(for: announcement.title)
        let etag = AnnouncementResponse.etag(announcement, language: language, variant: "\(staff ? "staff" : "public")\(translations ? "-all" : "")")
        if conditional && ConditionalRequest.isNotModified(request, etag: etag) {
            var notModified = ConditionalRequest.notModified(etag: etag)
            notModified.headers[.vary] = "Accept-Language"
            return notModified
        }
        let body = AnnouncementResponse(announcement, language: language, translations: translations, staff: staff)
        // The same URL is written in the language each reader asks for: caches must keep them apart.
        var headers: HTTPFields = [.eTag: etag, .contentLanguage: body.language, .vary: "Accept-Language"]
        if location { headers[.location] = "/v1/announcements/\(announcement.id)" }
        return try JSONResponse.make(body, status: status, headers: headers)
    }

    /// `?translations=all` adds every language.
    private static func translations(_ query: inout QueryReader) -> Bool {
        guard let value = query.string("translations") else { return false }
        if value != "all" { query.fail("translations", "must be all (or left out)") }
        return value == "all"
    }

    private func requireStaff(_ context: EngageRequestContext) throws {
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff API key") }
        try context.requireStaff()
    }
}
