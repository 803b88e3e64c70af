import EngageDomain
import Foundation

/// Notification payloads for storage tests: just the resource's ID (the server renders real ones).
struct IDRenderer: NotificationRenderer {
    func render(_ stakeholder: Stakeholder) -> Data { json(stakeholder.id.rawValue) }
    func render(_ event: Event) -> Data { json(event.id.rawValue) }
    func render(_ registration: EventRegistration) -> Data { json(registration.id.rawValue) }
    func render(_ application: SideEventApplication) -> Data { json(application.id.rawValue) }
    func render(_ endpoint: WebhookEndpoint) -> Data { json(endpoint.id.rawValue) }

    private func json(_ id: String) -> Data { Data(#"{"id":"\#(id)"}"#.utf8) }
}
