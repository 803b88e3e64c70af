import Foundation

/// A validated announcement body (POST creates, PATCH merges).
public struct AnnouncementInput: Sendable, Equatable {
    /// A link that a PATCH may set or clear.
    public struct Link<ID: PrefixedIdentifier>: Sendable, Equatable {
        public var value: ID?
    }

    public var title: LocalizedText?
    public var body: LocalizedText?
    public var audience: AnnouncementAudience?
    public var publishAt: Date?
    public var eventID: Link<EventID>?
    public var workshopID: Link<WorkshopID>?
    public var resourceID: Link<ResourceID>?

    public init() {}

    /// Reads a body, naming every bad field. `now` bounds `publish_at` (at most a year ahead).
    public static func parse(_ value: JSONValue, creating: Bool, now: Date) throws(DomainError) -> AnnouncementInput {
        var reader = ObjectReader(value)
        var input = AnnouncementInput()
        input.title = reader.localizedText("title", required: creating, maxLength: 300)
        input.body = reader.localizedText("body", required: creating, maxLength: 20_000)
        if var audience = reader.object("audience", required: creating, allowNull: false) {
            input.audience = AnnouncementAudience.read(&audience)
            audience.rejectUnknownFields()
            reader.absorb(audience)
        }
        if let publishAt = reader.timestamp("publish_at") {
            if publishAt > now.addingTimeInterval(366 * 24 * 3600) { reader.fail("publish_at", "must be within a year") } else { input.publishAt = publishAt }
        }
        input.eventID = link("event_id", EventID.self, &reader)
        input.workshopID = link("workshop_id", WorkshopID.self, &reader)
        input.resourceID = link("resource_id", ResourceID.self, &reader)
        for field in ["id", "status", "published_at", "corrected_at", "recipients", "created_at", "updated_at", "created_by", "language", "translations"]
        where reader.raw(field) != nil {
            reader.fail(field, "is read-only")
        }
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return input
    }

    /// A new, scheduled announcement from a create body (`parse(creating: true)` required title, body
    /// and audience); due at once unless `publish_at` lies ahead.
    public func newAnnouncement(createdBy: String, now: Date) throws(DomainError) -> Announcement {
        guard let title, let body, let audience else {
            throw .validation([title == nil ? "title" : nil, body == nil ? "body" : nil, audience == nil ? "audience" : nil]
                .compactMap { $0.map { FieldError(field: $0, message: "is required") } })
        }
        return Announcement(
            title: title, body: body, audience: audience, publishAt: publishAt ?? now, eventID: eventID?.value, workshopID: workshopID?.value,
            resourceID: resourceID?.value, createdBy: createdBy, createdAt: now, updatedAt: now)
    }

    private static func link<ID: PrefixedIdentifier>(_ key: String, _ type: ID.Type, _ reader: inout ObjectReader) -> Link<ID>? {
        guard reader.has(key) else { return nil }
        if reader.isNull(key) {
            _ = reader.raw(key)
            return Link(value: nil)
        }
        return reader.identifier(key, type).map { Link(value: $0) }
    }
}
