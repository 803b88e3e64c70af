import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// E-mail: organisations' notification preferences, the staff mail log, and one-click unsubscribe.
struct MailController: Sendable {
    let repository: any MailRepository
    /// Signs and checks unsubscribe links.
    let serverSecret: Data
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/stakeholders/:id/notification-preferences", use: preferences)
        router.patch("/v1/stakeholders/:id/notification-preferences", use: updatePreferences)
        router.get("/v1/mail-deliveries", use: list)
        router.get("/v1/mail-deliveries/:id", use: show)
        router.post("/v1/mail-deliveries/:id/redeliver", use: redeliver)
        router.get("/v1/unsubscribe", use: unsubscribePage)
        router.post("/v1/unsubscribe", use: unsubscribe)
    }

    // MARK: Preferences

    @Sendable func preferences(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let settings = try await ownSettings(context, changing: false)
        return try JSONResponse.make(NotificationPreferencesResponse(settings))
    }

    /// A merge patch: `{"language": "fr", "email": {"event.updated": false}}`.
    @Sendable func updatePreferences(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let settings = try await ownSettings(context, changing: true)
        let patch = try NotificationPreferencesPatch.parse(try await RequestBody.json(request, context: context, mergePatch: true))
        let updated = try await repository.updateSettings(of: settings.stakeholderID, with: patch, now: clock.now())
        return try JSONResponse.make(NotificationPreferencesResponse(updated))
    }

    // MARK: Log (staff)

    @Sendable func list(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        var query = QueryReader(request, context)
        var filter = MailDeliveryFilter(
            stakeholderID: query.identifier("stakeholder_id", StakeholderID.self),
            statuses: query.enumerations("status", MailDeliveryStatus.self),
            types: query.enumerations("type", NotificationType.self))
        filter.records = query.recordFilter()
        let page = query.page()
        try query.check()
        let deliveries = try await repository.deliveries(filter, page: page)
        return try JSONResponse.make(ListResponse(data: deliveries.items.map { MailDeliveryResponse($0, withAttempts: false) }, next: query.next(deliveries.next)))
    }

    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        let id = try context.identifier("id", as: MailDeliveryID.self, resource: "mail delivery")
        guard let delivery = try await repository.delivery(id) else { throw DomainError.notFound(resource: "mail delivery", id: id.rawValue) }
        return try JSONResponse.make(MailDeliveryResponse(delivery, withAttempts: true))
    }

    /// Sends it again now, as one more attempt (202); it goes even to a bouncing address, as staff asked.
    @Sendable func redeliver(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try requireStaff(context)
        let id = try context.identifier("id", as: MailDeliveryID.self, resource: "mail delivery")
        var reader = ObjectReader(try await RequestBody.optionalJSON(request, context: context))
        reader.rejectUnknownFields()
        if !reader.errors.isEmpty { throw DomainError.validation(reader.errors) }
        let queued = try await repository.redeliver(id, now: clock.now())
        return try JSONResponse.make(MailDeliveryResponse(queued, withAttempts: true), status: .accepted)
    }

    // MARK: Unsubscribe (no login: the signed link is the credential)

    /// A page with one button, for a person who opened the link: a GET changes nothing (link scanners open links too).
    @Sendable func unsubscribePage(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let token = try self.token(request, context)
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
            <body style="font-family: sans-serif"><form method="post">
            <p>Stop e-mails of the kind “\(token.type.summary.htmlEscaped)”</p>
            <input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button></form></body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// RFC 8058 one-click: a POST of `List-Unsubscribe=One-Click` (any body is accepted) turns the type off.
    @Sendable func unsubscribe(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let token = try self.token(request, context)
        _ = try await RequestBody.collect(request, context: context)
        try await repository.unsubscribe(token, now: clock.now())
        var response = try JSONResponse.make(UnsubscribeResponse(unsubscribed: true, type: token.type.rawValue))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: Access

    /// The token of the link: 400 when absent or not shaped like one, 403 when its signature does not hold.
    private func token(_ request: Request, _ context: EngageRequestContext) throws -> UnsubscribeToken {
        var query = QueryReader(request, context)
        let text = query.string("token")
        try query.check()
        guard let text, text.count <= 600, text.wholeMatch(of: /v1\.[A-Za-z0-9_-]{40,400}\.[A-Za-z0-9_-]{43}/) != nil else {
            throw Problem.invalidQuery([FieldError(field: "token", message: text == nil ? "is required" : "is not an unsubscribe token; use the link from the e-mail as it is")])
        }
        guard let token = UnsubscribeToken(verifying: text, serverSecret: serverSecret) else {
            throw Problem.forbidden("this unsubscribe link was not issued by this service, or was altered")
        }
        return token
    }

    /// The organisation in the path, for itself or staff; readers may look, not change.
    private func ownSettings(_ context: EngageRequestContext, changing: Bool) async throws -> NotificationSettings {
        let id = try context.identifier("id", as: StakeholderID.self, resource: "stakeholder")
        switch context.principal {
        case .anonymous: throw Problem.unauthorized("use a staff key or the stakeholder's access token")
        case .stakeholder(let own) where own != id: throw Problem.forbidden("only staff or the stakeholder itself may see or change its notification preferences")
        case .apiKey where changing: try context.requireStaff()
        default: break
        }
        guard let settings = try await repository.settings(of: id) else { throw DomainError.notFound(resource: "stakeholder", id: id.rawValue) }
        return settings
    }

    private func requireStaff(_ context: EngageRequestContext) throws {
        if context.principal == .anonymous { throw Problem.unauthorized("use a staff API key") }
        try context.requireStaff()
    }
}

extension String {
    /// The text with HTML's special characters escaped.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
