import EngageDomain
import Foundation

/// A participation registration. Only staff, readers and the registering stakeholder see it:
/// participant names and e-mails are never public.
struct EventRegistrationResponse: Encodable, Sendable {
    struct ParticipantResponse: Encodable, Sendable {
        var name: String
        var email: String
        var role: String
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var eventId: String
    var stakeholderId: String
    var participants: [ParticipantResponse]
    var status: String
    var statusReason: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ registration: EventRegistration) {
        id = registration.id.rawValue
        version = registration.version
        eventId = registration.eventID.rawValue
        stakeholderId = registration.stakeholderID.rawValue
        participants = registration.participants.map { ParticipantResponse(name: $0.name, email: $0.email, role: $0.role.rawValue) }
        status = registration.status.rawValue
        statusReason = registration.statusReason
        createdAt = registration.createdAt
        updatedAt = registration.updatedAt
    }

    static func etag(_ registration: EventRegistration) -> String {
        ETag.make(version: registration.version, variant: "full")
    }
}

/// One co-organiser's answer to being named on an application.
struct CoOrganizerConsentResponse: Encodable, Sendable {
    var stakeholderId: String
    var consent: String
}

/// An application to organise a side event, as its organisers and staff see it.
struct SideEventApplicationResponse: Encodable, Sendable {
    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var eventId: String
    var stakeholderId: String
    var title: String
    var description: String
    var format: String?
    var coOrganizers: [String]
    /// Each co-organiser's answer, in the order of `co_organizers`.
    var coOrganizerConsents: [CoOrganizerConsentResponse]
    var coSponsors: [String]
    var preferredDates: [String]
    var status: String
    var statusReason: String?
    var sideEventId: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ application: SideEventApplication) {
        id = application.id.rawValue
        version = application.version
        eventId = application.eventID.rawValue
        stakeholderId = application.stakeholderID.rawValue
        title = application.title
        description = application.description
        format = application.format?.rawValue
        coOrganizers = application.coOrganizers.map(\.rawValue)
        coOrganizerConsents = application.coOrganizers.map {
            CoOrganizerConsentResponse(stakeholderId: $0.rawValue, consent: (application.coOrganizerConsents[$0] ?? .pending).rawValue)
        }
        coSponsors = application.coSponsors
        preferredDates = application.preferredDates.map(\.description)
        status = application.status.rawValue
        statusReason = application.statusReason
        sideEventId = application.sideEventID?.rawValue
        createdAt = application.createdAt
        updatedAt = application.updatedAt
    }

    static func etag(_ application: SideEventApplication) -> String {
        ETag.make(version: application.version, variant: "full")
    }
}
