import EngageDomain
import EngageCore
import Foundation
import Hummingbird

/// `/v1/events`: meetings, their lifecycle and history, and the calendar feeds.
struct EventController: Sendable {
    let repository: any EventRepository
    let clock: TimeSource

    /// The most events one calendar feed carries.
    static let feedLimit = 2000

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.post("/v1/events", use: create)
        router.get("/v1/events", use: list)
        router.get("/v1/events.ics", use: feed)
        router.get("/v1/events/:id", use: show)
        router.patch("/v1/events/:id", use: update)
        for action in LifecycleAction.allCases {
            router.post("/v1/events/:id/\(action.rawValue)") { try await transition(action, $0, $1) }
        }
        router.get("/v1/events/:id/history", use: history)
        router.get("/v1/events/:id/calendar.ics", use: calendar)
    }

    // MARK: Events

    /// Staff create an event; it starts `scheduled`.
    @Sendable func create(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let input = try EventInput.parse(try await RequestBody.json(request, context: context), mode: .create)
        let event = try await repository.create(input, actor: context.principal.actor, now: clock.now())
        return try Self.respond(event, .afterWrite(request), status: .created, headers: [.location: "/v1/events/\(event.id)"])
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let localization = Localization.of(request, query: &query)
        try query.check()
        let event = try await find(context)
        let etag = EventResponse.etag(event, localization)
        if ConditionalRequest.isNotModified(request, etag: etag) { return ConditionalRequest.notModified(etag: etag, localized: true) }
        return try Self.respond(event, localization)
    }

    /// JSON merge-patch by staff; honours If-Match. Status moves only through the lifecycle actions.
    @Sendable func update(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: EventID.self, resource: "event")
        let input = try EventInput.parse(try await RequestBody.json(request, context: context, mergePatch: true), mode: .patch)
        let expected = try ConditionalRequest.expectedVersion(request)
        let event = try await repository.update(id, with: input, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try Self.respond(event, .afterWrite(request))
    }

    private func transition(_ action: LifecycleAction, _ request: Request, _ context: EngageRequestContext) async throws -> Response {
        try context.requireStaff()
        let id = try context.identifier("id", as: EventID.self, resource: "event")
        var body = try await RequestBody.optionalJSON(request, context: context)
        // `keep_side_events` (postpone to new dates, reschedule): side events stay where they are.
        var keepSideEvents = false
        if action == .postpone || action == .reschedule, case .object(var fields) = body, let flag = fields.removeValue(forKey: "keep_side_events") {
            guard case .bool(let keep) = flag else {
                throw DomainError.validation([FieldError(field: "keep_side_events", message: "must be a boolean, got \(flag.typeName)")])
            }
            keepSideEvents = keep
            body = .object(fields)
        }
        let change = try EventTransition.parse(action, body)
        let expected = try ConditionalRequest.expectedVersion(request)
        let event = try await repository.transition(
            id, change, keepSideEvents: keepSideEvents, expectedVersion: expected, actor: context.principal.actor, now: clock.now())
        return try Self.respond(event, .afterWrite(request))
    }

    @Sendable func history(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try await HistoryResponse.page(request, context, EventID.self, resource: "event") { try await repository.history(of: $0, page: $1) }
    }

    // MARK: Lists

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = Self.filter(&query)
        filter.order = query.order(EventFilter.orders)
        let page = query.page()
        let localization = Localization.of(request, query: &query)
        try query.check()
        // A range that ends before it starts is valid by the contract and holds nothing.
        if filter.isEmptyRange { return try localization.respond(ListResponse<EventResponse>(data: [], next: nil)) }
        let events = try await repository.list(filter, page: page)
        return try localization.respond(ListResponse(data: events.items.map { EventResponse($0, localization) }, next: query.next(events.next)))
    }

    /// The iCalendar feed of the filtered list (dated events only), for calendar subscriptions.
    @Sendable func feed(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        var filter = Self.filter(&query)
        let language = LanguagePreference.of(request, query: &query).first
        try query.check()
        filter.datedOnly = true
        let events = filter.isEmptyRange ? [] : try await repository.all(filter, limit: Self.feedLimit)
        return Self.calendarResponse(EventCalendar(name: "UNODC Civil Society events", events: events, language: language), filename: "events.ics")
    }

    /// One event as an iCalendar document; an event without dates has none to give (409).
    @Sendable func calendar(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query).first
        try query.check()
        let event = try await find(context)
        guard event.dates != nil else {
            throw DomainError.conflict("\(event.id) has no dates yet (\(event.status.rawValue)); it gets a calendar entry once it has dates")
        }
        let name = event.title.best(for: language)?.text ?? event.title.primary
        return Self.calendarResponse(EventCalendar(name: name, events: [event], language: language), filename: "\(event.id).ics")
    }

    // MARK: Helpers

    /// One event as JSON in the language chosen, with its ETag and `Content-Language`.
    private static func respond(_ event: Event, _ localization: Localization, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        try localization.respond(EventResponse(event, localization), language: localization.language(of: event.title),
                                 etag: EventResponse.etag(event, localization), status: status, headers: headers)
    }

    private func find(_ context: EngageRequestContext) async throws -> Event {
        let id = try context.identifier("id", as: EventID.self, resource: "event")
        guard let event = try await repository.find(id) else { throw DomainError.notFound(resource: "event", id: id.rawValue) }
        return event
    }

    /// The list filters (shared by the JSON list and the feed).
    static func filter(_ query: inout QueryReader) -> EventFilter {
        var filter = EventFilter(
            from: query.date("from"),
            to: query.date("to"),
            parentEventID: query.identifier("parent_event_id", EventID.self),
            country: query.country("country")
        )
        filter.kinds = query.enumerations("kind", EventKind.self)
        filter.statuses = query.enumerations("status", EventStatus.self)
        filter.regions = query.enumerations("region", UNRegion.self)
        filter.topics = query.enumerations("topic", Topic.self)
        filter.query = query.searchText("q")
        filter.projectID = query.identifier("project_id", ProjectID.self)
        filter.updatedSince = query.updatedSince()
        return filter
    }

    private static func calendarResponse(_ calendar: EventCalendar, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"\(filename)\"", .vary: "Accept-Language"],
            body: .init(byteBuffer: ByteBuffer(string: calendar.text))
        )
    }
}
