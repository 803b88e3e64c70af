import Foundation

/// Everything Engage holds about one organisation and the people it named, for its export.
public struct PersonalDataDossier: Sendable {
    public var stakeholder: Stakeholder
    public var history: [StakeholderHistoryEntry]
    public var registrations: [EventRegistration]
    public var applications: [SideEventApplication]
    public var enrolments: [Enrolment]
    public var pilotInitiatives: [PilotInitiative]
    public var webhookEndpoints: [WebhookEndpoint]

    public init(
        stakeholder: Stakeholder, history: [StakeholderHistoryEntry], registrations: [EventRegistration],
        applications: [SideEventApplication], enrolments: [Enrolment], pilotInitiatives: [PilotInitiative],
        webhookEndpoints: [WebhookEndpoint]
    ) {
        self.stakeholder = stakeholder
        self.history = history
        self.registrations = registrations
        self.applications = applications
        self.enrolments = enrolments
        self.pilotInitiatives = pilotInitiatives
        self.webhookEndpoints = webhookEndpoints
    }
}
