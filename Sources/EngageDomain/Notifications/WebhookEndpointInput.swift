/// A validated webhook endpoint body (POST creates, PATCH merges).
public struct WebhookEndpointInput: Sendable, Equatable {
    public var url: String?
    public var eventTypes: [NotificationType]?
    public var description: FieldChange<String>?
    public var enabled: Bool?

    public init(url: String? = nil, eventTypes: [NotificationType]? = nil, description: FieldChange<String>? = nil, enabled: Bool? = nil) {
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.enabled = enabled
    }

    /// Reads a body; `forStakeholder` limits the types to those that can concern a stakeholder.
    /// `checkURL` returns why a URL may not be used (scheme, address), or nil.
    public static func parse(_ body: JSONValue, creating: Bool, forStakeholder: Bool, checkURL: (String) -> String?) throws(DomainError) -> WebhookEndpointInput {
        var reader = ObjectReader(body)
        var input = WebhookEndpointInput()
        if let url = reader.string("url", required: creating, maxLength: 2000, allowNull: false, lineBreaks: false) {
            if !Formats.isWebURL(url) {
                reader.fail("url", "must be an absolute http or https URL")
            } else if let refusal = checkURL(url) {
                reader.fail("url", refusal)
            } else {
                input.url = url
            }
        }
        input.eventTypes = reader.stringArray("event_types", maxCount: NotificationType.allCases.count, allowNull: false) { name in
            guard let type = NotificationType(rawValue: name) else { return "is not an event type; GET /v1/webhook-event-types lists them" }
            if type == .test { return "webhook.test is sent on request only, to one endpoint" }
            if forStakeholder && !type.isOpenToStakeholders { return "is not sent to stakeholders' endpoints" }
            return nil
        }?.compactMap(NotificationType.init(rawValue:))
        input.description = reader.nullableString("description", maxLength: 500)
        input.enabled = reader.bool("enabled")
        for field in ["id", "secret", "stakeholder_id", "disabled_reason", "created_at", "updated_at"] where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }
}
