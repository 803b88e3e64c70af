import EngageDomain
import Foundation

/// The API representation of an event. Every field is present; `null` means "none" (or, for
/// the dates of a postponed event, "not yet decided").
struct EventResponse: Encodable, Sendable {
    struct Location: Encodable, Sendable {
        var venue: String?
        var city: String?
        var country: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(venue, forKey: .venue)
            try container.encode(city, forKey: .city)
            try container.encode(country, forKey: .country)
        }

        enum CodingKeys: String, CodingKey { case venue, city, country }
    }

    struct Registration: Encodable, Sendable {
        var opensAt: Date
        var closesAt: Date
        var maxParticipantsPerStakeholder: Int?
        var openWhilePostponed: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(opensAt, forKey: .opensAt)
            try container.encode(closesAt, forKey: .closesAt)
            try container.encode(maxParticipantsPerStakeholder, forKey: .maxParticipantsPerStakeholder)
            try container.encode(openWhilePostponed, forKey: .openWhilePostponed)
        }

        enum CodingKeys: String, CodingKey {
            case opensAt = "opens_at"
            case closesAt = "closes_at"
            case maxParticipantsPerStakeholder = "max_participants_per_stakeholder"
            case openWhilePostponed = "open_while_postponed"
        }
    }

    struct Applications: Encodable, Sendable {
        var opensAt: Date
        var closesAt: Date
        var maxPerOrganizer: Int

        enum CodingKeys: String, CodingKey {
            case opensAt = "opens_at"
            case closesAt = "closes_at"
            case maxPerOrganizer = "max_per_organizer"
        }
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var title: String
    /// The language `title` (and, where it has it, `description`) is written in.
    var language: String
    var kind: String
    var sessionNumber: Int?
    var description: String?
    var startsOn: String?
    var endsOn: String?
    var timezone: String?
    var format: String?
    var location: Location?
    var onlineUrl: String?
    var parentEventId: String?
    var projectId: String?
    var region: String?
    var topics: [String]
    var status: String
    var statusReason: String?
    var registration: Registration?
    var sideEventApplications: Applications?
    var createdAt: Date
    var updatedAt: Date
    /// Every language of each text, when asked for (`?translations=all`).
    var translations: JSONValue?

    init(_ event: Event, _ localization: Localization) {
        id = event.id.rawValue
        version = event.version
        let language = localization.language(of: event.title)
        self.language = language.rawValue
        title = localization.text(event.title, in: language) ?? ""
        translations = localization.translations([("title", event.title), ("description", event.description)])
        kind = event.kind.rawValue
        sessionNumber = event.sessionNumber
        description = localization.text(event.description, in: language)
        startsOn = event.dates?.startsOn.description
        endsOn = event.dates?.endsOn.description
        timezone = event.timezone
        format = event.format?.rawValue
        location = event.location.map { Location(venue: $0.venue, city: $0.city, country: $0.country) }
        onlineUrl = event.onlineURL
        parentEventId = event.parentEventID?.rawValue
        projectId = event.projectID?.rawValue
        region = event.region?.rawValue
        topics = event.topics.map(\.rawValue)
        status = event.status.rawValue
        statusReason = event.statusReason
        registration = event.registration.map {
            Registration(opensAt: $0.window.opensAt, closesAt: $0.window.closesAt, maxParticipantsPerStakeholder: $0.maxParticipantsPerStakeholder,
                         openWhilePostponed: $0.openWhilePostponed)
        }
        sideEventApplications = event.sideEventApplications.map {
            Applications(opensAt: $0.window.opensAt, closesAt: $0.window.closesAt, maxPerOrganizer: $0.maxPerOrganizer)
        }
        createdAt = event.createdAt
        updatedAt = event.updatedAt
    }

    /// The strong ETag of an event in one language (with or without every translation).
    static func etag(_ event: Event, _ localization: Localization) -> String {
        localization.etag(version: event.version, title: event.title)
    }

    enum CodingKeys: String, CodingKey {
        case id, version, title, language, kind, description, timezone, format, location, region, topics, status, registration, translations
        case sessionNumber = "session_number"
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case onlineUrl = "online_url"
        case parentEventId = "parent_event_id"
        case projectId = "project_id"
        case statusReason = "status_reason"
        case sideEventApplications = "side_event_applications"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Explicit nulls: a client can tell "no dates yet" without knowing which keys may be left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(title, forKey: .title)
        try container.encode(language, forKey: .language)
        try container.encode(kind, forKey: .kind)
        try container.encode(sessionNumber, forKey: .sessionNumber)
        try container.encode(description, forKey: .description)
        try container.encode(startsOn, forKey: .startsOn)
        try container.encode(endsOn, forKey: .endsOn)
        try container.encode(timezone, forKey: .timezone)
        try container.encode(format, forKey: .format)
        try container.encode(location, forKey: .location)
        try container.encode(onlineUrl, forKey: .onlineUrl)
        try container.encode(parentEventId, forKey: .parentEventId)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(region, forKey: .region)
        try container.encode(topics, forKey: .topics)
        try container.encode(status, forKey: .status)
        try container.encode(statusReason, forKey: .statusReason)
        try container.encode(registration, forKey: .registration)
        try container.encode(sideEventApplications, forKey: .sideEventApplications)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(translations, forKey: .translations)
    }
}

extension EventResponse: SnakeCaseKeys {}
