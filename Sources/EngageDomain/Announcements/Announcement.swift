import Foundation

/// Where an announcement stands.
public enum AnnouncementStatus: String, Sendable, CaseIterable, Codable {
    /// Waiting for its `publish_at`; staff may still change or withdraw it.
    case scheduled
    /// Public, and sent to its audience; it can only be corrected now.
    case published
    /// Withdrawn before it was published.
    case withdrawn
}

/// News from the Secretariat ("the new dates will be announced in due course"), in one or more UN languages.
public struct Announcement: Sendable, Equatable {
    public var id: AnnouncementID
    public var title: LocalizedText
    public var body: LocalizedText
    public var audience: AnnouncementAudience
    public var publishAt: Date
    public var status: AnnouncementStatus
    public var eventID: EventID?
    public var workshopID: WorkshopID?
    public var resourceID: ResourceID?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    /// When it was last corrected after publication.
    public var correctedAt: Date?
    /// How many organisations it was sent to, once published.
    public var recipients: Int?
    public var version: Int

    public init(
        id: AnnouncementID = .generate(), title: LocalizedText, body: LocalizedText, audience: AnnouncementAudience, publishAt: Date,
        status: AnnouncementStatus = .scheduled, eventID: EventID? = nil, workshopID: WorkshopID? = nil, resourceID: ResourceID? = nil,
        createdBy: String, createdAt: Date, updatedAt: Date, publishedAt: Date? = nil, correctedAt: Date? = nil, recipients: Int? = nil,
        version: Int = 1
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.audience = audience
        self.publishAt = publishAt
        self.status = status
        self.eventID = eventID
        self.workshopID = workshopID
        self.resourceID = resourceID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
        self.correctedAt = correctedAt
        self.recipients = recipients
        self.version = version
    }

    // MARK: Rules

    /// The announcement with `input` applied. Before publication anything may change; after it only the
    /// text and the links (a correction, which is sent again); a withdrawn one changes no more.
    public func applying(_ input: AnnouncementInput, now: Date) throws(DomainError) -> Announcement {
        switch status {
        case .withdrawn: throw .conflict("\(id) was withdrawn; create a new announcement instead")
        case .published:
            var refused: [FieldError] = []
            if input.audience != nil { refused.append(FieldError(field: "audience", message: "cannot change after publication")) }
            if input.publishAt != nil { refused.append(FieldError(field: "publish_at", message: "cannot change after publication")) }
            if !refused.isEmpty { throw .validation(refused) }
        case .scheduled: break
        }
        var changed = self
        if let title = input.title { changed.title = title }
        if let body = input.body { changed.body = body }
        if let audience = input.audience { changed.audience = audience }
        if let publishAt = input.publishAt { changed.publishAt = publishAt }
        if let event = input.eventID { changed.eventID = event.value }
        if let workshop = input.workshopID { changed.workshopID = workshop.value }
        if let resource = input.resourceID { changed.resourceID = resource.value }
        changed.updatedAt = now
        changed.version += 1
        if changed.corrects(self) { changed.correctedAt = now }
        return changed
    }

    /// Whether this, after a change, corrects the published `previous`: its text changed, so its audience
    /// is told again (a change of links alone is not news).
    public func corrects(_ previous: Announcement) -> Bool {
        previous.status == .published && (title != previous.title || body != previous.body)
    }

    /// What it names that must exist: (field, resource, ID), the resource named as its table.
    public var references: [(field: String, resource: String, id: String)] {
        var references: [(field: String, resource: String, id: String)] = []
        if let id = eventID { references.append(("event_id", "event", id.rawValue)) }
        if let id = workshopID { references.append(("workshop_id", "workshop", id.rawValue)) }
        if let id = resourceID { references.append(("resource_id", "resource", id.rawValue)) }
        switch audience {
        case .eventRegistrants(let id): references.append(("audience.event_id", "event", id.rawValue))
        case .workshopEnrolled(let id): references.append(("audience.workshop_id", "workshop", id.rawValue))
        case .pilotParticipants(let id): references.append(("audience.pilot_initiative_id", "pilot_initiative", id.rawValue))
        default: break
        }
        return references
    }

    /// Withdrawn, if it was still scheduled.
    public func withdrawn(now: Date) throws(DomainError) -> Announcement {
        guard status == .scheduled else {
            throw .conflict(status == .published ? "\(id) is published; it can only be corrected (PATCH), which tells its audience again"
                                                 : "\(id) is already withdrawn")
        }
        var changed = self
        changed.status = .withdrawn
        changed.updatedAt = now
        changed.version += 1
        return changed
    }

    /// Published now, to `recipients` organisations.
    public func published(now: Date, recipients: Int) -> Announcement {
        var changed = self
        changed.status = .published
        changed.publishedAt = now
        changed.recipients = recipients
        changed.updatedAt = now
        changed.version += 1
        return changed
    }
}
