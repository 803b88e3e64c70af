import EngageDomain
import EngageCore
import Foundation

/// A donor-funded project; a single project also shows what links to it.
struct ProjectResponse: Encodable, Sendable {
    struct Counts: Encodable, Sendable {
        var events: Int
        var workshops: Int
        var pilotInitiatives: Int
    }

    /// What the project reached, from the participation statistics (`GET /v1/statistics/participation?project_id=`).
    struct Totals: Encodable, Sendable, Equatable {
        var organisationsReached: Int
        var peopleReached: Int
        var peopleTrained: Int
        var eventsHeld: Int
        var workshopsHeld: Int
        var sideEvents: Int

        init(_ statistics: ParticipationStatistics) {
            organisationsReached = statistics.totals.organisations
            peopleReached = statistics.totals.people
            peopleTrained = statistics.totals.trained
            eventsHeld = statistics.eventsHeld
            workshopsHeld = statistics.workshopsHeld
            sideEvents = statistics.totals.sideEvents
        }

        /// A short fingerprint for the ETag: the totals change without the project's version changing.
        var tag: String {
            "o\(organisationsReached)p\(peopleReached)t\(peopleTrained)e\(eventsHeld)w\(workshopsHeld)s\(sideEvents)"
        }
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var title: String
    /// The language `title` is written in (other texts too, where they have it).
    var language: String
    @Nullable var code: String?
    @Nullable var summary: String?
    var donors: [String]
    @Nullable var startsOn: String?
    @Nullable var endsOn: String?
    var counts: Counts?
    var totals: Totals?
    var createdAt: Date
    var updatedAt: Date
    /// Every language of each text, when asked for (`?translations=all`).
    var translations: JSONValue?

    init(_ project: Project, _ localization: Localization, counts: ProjectCounts? = nil, totals: Totals? = nil) {
        self.totals = totals
        id = project.id.rawValue
        version = project.version
        let language = localization.language(of: project.title)
        self.language = language.rawValue
        title = localization.text(project.title, in: language) ?? ""
        code = project.code
        summary = localization.text(project.summary, in: language)
        translations = localization.translations([("title", project.title), ("summary", project.summary)])
        donors = project.donors
        startsOn = project.startsOn?.description
        endsOn = project.endsOn?.description
        self.counts = counts.map { Counts(events: $0.events, workshops: $0.workshops, pilotInitiatives: $0.pilotInitiatives) }
        createdAt = project.createdAt
        updatedAt = project.updatedAt
    }

    static func etag(_ project: Project, _ localization: Localization) -> String {
        localization.etag(version: project.version, title: project.title)
    }

    /// The tag of the representation with counts (and totals): it changes when something links to the project or takes part in it.
    static func etag(_ project: Project, _ localization: Localization, counts: ProjectCounts, totals: Totals? = nil) -> String {
        let counted = "e\(counts.events)w\(counts.workshops)p\(counts.pilotInitiatives)" + (totals.map { "-" + $0.tag } ?? "")
        return localization.etag(version: project.version, counted, title: project.title)
    }
}

/// A knowledge resource.
struct ResourceResponse: Encodable, Sendable {
    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var kind: String
    var title: String
    /// The language `title` is written in (other texts too, where they have it).
    var language: String
    @Nullable var summary: String?
    /// The address in `language` (else English, else any).
    var url: String
    /// The address in each language the resource is published in.
    var urls: [String: String]
    var languages: [String]
    var topics: [String]
    @Nullable var publisher: String?
    @Nullable var publishedOn: String?
    var createdAt: Date
    var updatedAt: Date
    /// Every language of each text, when asked for (`?translations=all`).
    var translations: JSONValue?

    init(_ resource: Resource, _ localization: Localization) {
        id = resource.id.rawValue
        version = resource.version
        kind = resource.kind.rawValue
        let language = localization.language(of: resource.title)
        self.language = language.rawValue
        title = localization.text(resource.title, in: language) ?? ""
        summary = localization.text(resource.summary, in: language)
        url = localization.text(resource.url, in: language) ?? ""
        urls = resource.url.byCode
        translations = localization.translations([("title", resource.title), ("summary", resource.summary)])
        languages = resource.languages
        topics = resource.topics.map(\.rawValue)
        publisher = resource.publisher
        publishedOn = resource.publishedOn?.description
        createdAt = resource.createdAt
        updatedAt = resource.updatedAt
    }

    static func etag(_ resource: Resource, _ localization: Localization) -> String {
        localization.etag(version: resource.version, title: resource.title)
    }
}

/// A workshop with its seats.
struct WorkshopResponse: Encodable, Sendable {
    struct Window: Encodable, Sendable {
        var opensAt: Date
        var closesAt: Date
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var title: String
    /// The language `title` is written in (other texts too, where they have it).
    var language: String
    @Nullable var series: String?
    @Nullable var description: String?
    @Nullable var website: String?
    var objectives: [String]
    @Nullable var region: String?
    @Nullable var country: String?
    @Nullable var startsOn: String?
    @Nullable var endsOn: String?
    @Nullable var timezone: String?
    @Nullable var format: String?
    @Nullable var location: EventResponse.Location?
    var languages: [String]
    var capacity: Int
    var confirmedCount: Int
    var waitlistCount: Int
    var seatsAvailable: Int
    @Nullable var enrolment: Window?
    var priorityCountries: [String]
    @Nullable var projectId: String?
    var status: String
    @Nullable var statusReason: String?
    var createdAt: Date
    var updatedAt: Date
    /// Every language of each text, when asked for (`?translations=all`).
    var translations: JSONValue?

    init(_ summary: WorkshopSummary, _ localization: Localization) {
        let workshop = summary.workshop
        id = workshop.id.rawValue
        version = workshop.version
        let language = localization.language(of: workshop.title)
        self.language = language.rawValue
        title = localization.text(workshop.title, in: language) ?? ""
        series = workshop.series
        description = localization.text(workshop.description, in: language)
        website = workshop.website
        objectives = workshop.objectives.compactMap { localization.text($0, in: language) }
        translations = localization.translations([("title", workshop.title), ("description", workshop.description)],
                                                 lists: [("objectives", workshop.objectives)])
        region = workshop.region?.rawValue
        country = workshop.country
        startsOn = workshop.dates?.startsOn.description
        endsOn = workshop.dates?.endsOn.description
        timezone = workshop.timezone
        format = workshop.format?.rawValue
        location = workshop.location.map { EventResponse.Location(venue: $0.venue, city: $0.city, country: $0.country) }
        languages = workshop.languages
        capacity = workshop.capacity
        confirmedCount = summary.seats.confirmed
        waitlistCount = summary.seats.waitlisted
        seatsAvailable = max(0, workshop.capacity - summary.seats.confirmed)
        enrolment = workshop.enrolment.map { Window(opensAt: $0.opensAt, closesAt: $0.closesAt) }
        priorityCountries = workshop.priorityCountries
        projectId = workshop.projectID?.rawValue
        status = workshop.status.rawValue
        statusReason = workshop.statusReason
        createdAt = workshop.createdAt
        updatedAt = workshop.updatedAt
    }

    /// The tag names the seats too: an enrolment changes the representation without a new workshop version.
    static func etag(_ summary: WorkshopSummary, _ localization: Localization) -> String {
        let seats = "c\(summary.seats.confirmed)w\(summary.seats.waitlisted)"
        return localization.etag(version: summary.workshop.version, seats, title: summary.workshop.title)
    }
}

/// An enrolment: only staff, readers and the enrolling stakeholder see it.
struct EnrolmentResponse: Encodable, Sendable {
    struct Person: Encodable, Sendable {
        var name: String
        var email: String
        @Nullable var position: String?
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var workshopId: String
    var stakeholderId: String
    var participant: Person
    var status: String
    var priority: Bool
    @Nullable var waitlistPosition: Int?
    @Nullable var attended: Bool?
    @Nullable var promotedAt: Date?
    /// Why the workshop's own move cancelled it.
    @Nullable var statusReason: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ enrolment: Enrolment) {
        id = enrolment.id.rawValue
        version = enrolment.version
        workshopId = enrolment.workshopID.rawValue
        stakeholderId = enrolment.stakeholderID.rawValue
        participant = Person(name: enrolment.participant.name, email: enrolment.participant.email, position: enrolment.participant.position)
        status = enrolment.status.rawValue
        priority = enrolment.priority
        waitlistPosition = enrolment.waitlistPosition
        attended = enrolment.attended
        promotedAt = enrolment.promotedAt
        statusReason = enrolment.statusReason
        createdAt = enrolment.createdAt
        updatedAt = enrolment.updatedAt
    }

    /// The tag names the waiting-list position too: it moves when others cancel or are promoted.
    static func etag(_ enrolment: Enrolment) -> String {
        ETag.make(version: enrolment.version, variant: enrolment.waitlistPosition.map { "w\($0)" } ?? "full")
    }
}

/// A pilot initiative with its participants.
struct PilotInitiativeResponse: Encodable, Sendable {
    struct Authority: Encodable, Sendable {
        var name: String
        @Nullable var role: String?
    }

    struct Participant: Encodable, Sendable {
        var stakeholderId: String
        var role: String
        var joinedAt: Date
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var title: String
    /// The language `title` is written in (other texts too, where they have it).
    var language: String
    var country: String
    @Nullable var summary: String?
    var priorities: [String]
    var nationalAuthorities: [Authority]
    @Nullable var startsOn: String?
    @Nullable var endsOn: String?
    @Nullable var projectId: String?
    var linkedEventIds: [String]
    var status: String
    var participants: [Participant]
    var createdAt: Date
    var updatedAt: Date
    /// Every language of each text, when asked for (`?translations=all`).
    var translations: JSONValue?

    init(_ initiative: PilotInitiative, _ localization: Localization) {
        id = initiative.id.rawValue
        version = initiative.version
        let language = localization.language(of: initiative.title)
        self.language = language.rawValue
        title = localization.text(initiative.title, in: language) ?? ""
        country = initiative.country
        summary = localization.text(initiative.summary, in: language)
        translations = localization.translations([("title", initiative.title), ("summary", initiative.summary)])
        priorities = initiative.priorities.map(\.rawValue)
        nationalAuthorities = initiative.nationalAuthorities.map { Authority(name: $0.name, role: $0.role) }
        startsOn = initiative.startsOn?.description
        endsOn = initiative.endsOn?.description
        projectId = initiative.projectID?.rawValue
        linkedEventIds = initiative.linkedEventIDs.map(\.rawValue)
        status = initiative.status.rawValue
        participants = initiative.participants.map { Participant(stakeholderId: $0.stakeholderID.rawValue, role: $0.role.rawValue, joinedAt: $0.joinedAt) }
        createdAt = initiative.createdAt
        updatedAt = initiative.updatedAt
    }

    static func etag(_ initiative: PilotInitiative, _ localization: Localization) -> String {
        localization.etag(version: initiative.version, title: initiative.title)
    }
}

/// An entry of an initiative's activity log.
struct ActivityResponse: Encodable, Sendable {
    var id: String
    var pilotInitiativeId: String
    var date: String
    var kind: String
    var title: String
    @Nullable var summary: String?
    var createdAt: Date

    init(_ activity: PilotActivity) {
        id = activity.id.rawValue
        pilotInitiativeId = activity.initiativeID.rawValue
        date = activity.date.description
        kind = activity.kind.rawValue
        title = activity.title
        summary = activity.summary
        createdAt = activity.createdAt
    }
}
