import EngageDomain
import Foundation

/// `GET /v1/stakeholders/{id}/export`: everything Engage holds about an organisation and the people it
/// named, as one document, each part as the API shows it elsewhere (webhook endpoints without secrets).
struct PersonalDataExportResponse: Encodable, Sendable {
    var exportedAt: Date
    var stakeholder: StakeholderResponse
    var history: [StakeholderHistoryResponse]
    var eventRegistrations: [EventRegistrationResponse]
    var sideEventApplications: [SideEventApplicationResponse]
    var workshopEnrolments: [EnrolmentResponse]
    var pilotInitiatives: [PilotInitiativeResponse]
    var webhookEndpoints: [WebhookEndpointResponse]

    init(_ dossier: PersonalDataDossier, at now: Date) {
        exportedAt = now
        stakeholder = StakeholderResponse(dossier.stakeholder, audience: .full)
        history = dossier.history.map(StakeholderHistoryResponse.init)
        eventRegistrations = dossier.registrations.map(EventRegistrationResponse.init)
        sideEventApplications = dossier.applications.map(SideEventApplicationResponse.init)
        workshopEnrolments = dossier.enrolments.map(EnrolmentResponse.init)
        pilotInitiatives = dossier.pilotInitiatives.map { PilotInitiativeResponse($0, .payload) }
        webhookEndpoints = dossier.webhookEndpoints.map { WebhookEndpointResponse($0) }
    }
}
