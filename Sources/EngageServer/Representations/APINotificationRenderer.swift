import EngageDomain
import EngageCore
import Foundation

/// Notification payloads are the API's own representations, as staff receive them from a GET.
struct APINotificationRenderer: NotificationRenderer {
    func render(_ stakeholder: Stakeholder) -> Data { encode(StakeholderResponse(stakeholder, audience: .full)) }
    func render(_ event: Event) -> Data { encode(EventResponse(event, .payload)) }
    func render(_ registration: EventRegistration) -> Data { encode(EventRegistrationResponse(registration)) }
    func render(_ application: SideEventApplication) -> Data { encode(SideEventApplicationResponse(application)) }
    func render(_ endpoint: WebhookEndpoint) -> Data { encode(WebhookEndpointResponse(endpoint)) }
    func render(_ workshop: WorkshopSummary) -> Data { encode(WorkshopResponse(workshop, .payload)) }
    func render(_ enrolment: Enrolment) -> Data { encode(EnrolmentResponse(enrolment)) }
    func render(_ initiative: PilotInitiative) -> Data { encode(PilotInitiativeResponse(initiative, .payload)) }
    func render(_ activity: PilotActivity) -> Data { encode(ActivityResponse(activity)) }
    func render(_ resource: Resource) -> Data { encode(ResourceResponse(resource, .payload)) }
    func render(_ project: Project) -> Data { encode(ProjectResponse(project, .payload)) }
    func render(_ announcement: Announcement) -> Data {
        encode(AnnouncementResponse(announcement, language: .fallback, translations: true, staff: true))
    }

    private func encode(_ value: some Encodable) -> Data {
        // These types encode plain strings, numbers and dates: encoding cannot fail. The same writer as
        // the responses (`encodeAPI`), so a payload is byte for byte what a GET would have answered.
        (try? JSONEncoder.encodeAPI(value)) ?? Data("{}".utf8)
    }
}
