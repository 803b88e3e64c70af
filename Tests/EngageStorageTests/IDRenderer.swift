import EngageCore
import EngageDomain
import Foundation

/// Notification payloads for storage tests: just the resource's ID (the server renders real ones).
struct IDRenderer: NotificationRenderer {
    func render(_ stakeholder: Stakeholder) -> Data { json(stakeholder.id.rawValue) }
    func render(_ event: Event) -> Data { json(event.id.rawValue) }
    func render(_ registration: EventRegistration) -> Data { json(registration.id.rawValue) }
    func render(_ application: SideEventApplication) -> Data { json(application.id.rawValue) }
    func render(_ endpoint: WebhookEndpoint) -> Data { json(endpoint.id.rawValue) }
    func render(_ workshop: WorkshopSummary) -> Data { json(workshop.workshop.id.rawValue) }
    func render(_ enrolment: Enrolment) -> Data { json(enrolment.id.rawValue) }
    func render(_ initiative: PilotInitiative) -> Data { json(initiative.id.rawValue) }
    func render(_ activity: PilotActivity) -> Data { json(activity.id.rawValue) }
    func render(_ resource: Resource) -> Data { json(resource.id.rawValue) }

    private func json(_ id: String) -> Data { Data(#"{"id":"\#(id)"}"#.utf8) }
}
