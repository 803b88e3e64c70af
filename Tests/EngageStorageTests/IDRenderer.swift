import EngageCore
import EngageDomain
import Foundation

/// Notification payloads for storage tests: the resource's ID, and for registrations and enrolments the
/// fields the mail fan-out reads, named as the API names them (the server renders the full resources).
struct IDRenderer: NotificationRenderer {
    func render(_ stakeholder: Stakeholder) -> Data { json(stakeholder.id.rawValue) }
    func render(_ event: Event) -> Data { json(event.id.rawValue) }
    func render(_ registration: EventRegistration) -> Data {
        object([
            "id": registration.id.rawValue, "event_id": registration.eventID.rawValue, "stakeholder_id": registration.stakeholderID.rawValue,
            "status": registration.status.rawValue, "participants": registration.participants.map { ["name": $0.name, "email": $0.email] },
        ])
    }
    func render(_ application: SideEventApplication) -> Data { json(application.id.rawValue) }
    func render(_ endpoint: WebhookEndpoint) -> Data { json(endpoint.id.rawValue) }
    func render(_ workshop: WorkshopSummary) -> Data { json(workshop.workshop.id.rawValue) }
    func render(_ enrolment: Enrolment) -> Data {
        var fields: [String: Any] = [
            "id": enrolment.id.rawValue, "workshop_id": enrolment.workshopID.rawValue, "stakeholder_id": enrolment.stakeholderID.rawValue,
            "status": enrolment.status.rawValue, "participant": ["name": enrolment.participant.name, "email": enrolment.participant.email],
        ]
        if let position = enrolment.waitlistPosition { fields["waitlist_position"] = position }
        return object(fields)
    }
    func render(_ initiative: PilotInitiative) -> Data { json(initiative.id.rawValue) }
    func render(_ activity: PilotActivity) -> Data { json(activity.id.rawValue) }
    func render(_ resource: Resource) -> Data { json(resource.id.rawValue) }
    func render(_ project: Project) -> Data { json(project.id.rawValue) }
    func render(_ announcement: Announcement) -> Data {
        object(["id": announcement.id.rawValue, "translations": ["title": announcement.title.byCode, "body": announcement.body.byCode]])
    }

    private func json(_ id: String) -> Data { Data(#"{"id":"\#(id)"}"#.utf8) }

    private func object(_ fields: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    }
}
