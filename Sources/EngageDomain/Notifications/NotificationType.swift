import Foundation

/// Every kind of notification Engage sends, with what it means.
public enum NotificationType: String, Sendable, CaseIterable, Codable {
    case stakeholderRegistered = "stakeholder.registered"
    case stakeholderApproved = "stakeholder.approved"
    case stakeholderRejected = "stakeholder.rejected"
    case stakeholderSuspended = "stakeholder.suspended"
    case stakeholderUpdated = "stakeholder.updated"
    case stakeholderErased = "stakeholder.erased"
    case stakeholderResubmitted = "stakeholder.resubmitted"
    case stakeholderMerged = "stakeholder.merged"
    case accessTokenIssued = "stakeholder.access_token_issued"
    case eventCreated = "event.created"
    case eventUpdated = "event.updated"
    case eventPostponed = "event.postponed"
    case eventRescheduled = "event.rescheduled"
    case eventCancelled = "event.cancelled"
    case eventCompleted = "event.completed"
    case registrationOpened = "event.registration_opened"
    case applicationsOpened = "event.side_event_applications_opened"
    case registrationCreated = "event_registration.created"
    case registrationApproved = "event_registration.approved"
    case registrationRejected = "event_registration.rejected"
    case registrationWithdrawn = "event_registration.withdrawn"
    case registrationUpdated = "event_registration.updated"
    case registrationClosed = "event_registration.closed"
    case applicationSubmitted = "side_event_application.submitted"
    case applicationApproved = "side_event_application.approved"
    case applicationRejected = "side_event_application.rejected"
    case applicationWithdrawn = "side_event_application.withdrawn"
    case applicationUpdated = "side_event_application.updated"
    case applicationClosed = "side_event_application.closed"
    case coOrganizerResponded = "side_event_application.co_organizer_responded"
    case workshopCreated = "workshop.created"
    case workshopUpdated = "workshop.updated"
    case workshopPostponed = "workshop.postponed"
    case workshopRescheduled = "workshop.rescheduled"
    case workshopCancelled = "workshop.cancelled"
    case workshopCompleted = "workshop.completed"
    case enrolmentConfirmed = "workshop_enrolment.confirmed"
    case enrolmentWaitlisted = "workshop_enrolment.waitlisted"
    case enrolmentPromoted = "workshop_enrolment.promoted"
    case enrolmentCancelled = "workshop_enrolment.cancelled"
    case enrolmentWaitlistMoved = "workshop_enrolment.waitlist_moved"
    case enrolmentAttended = "workshop_enrolment.attended"
    case feedbackRequested = "workshop_enrolment.feedback_requested"
    case pilotCreated = "pilot_initiative.created"
    case pilotUpdated = "pilot_initiative.updated"
    case pilotStatusChanged = "pilot_initiative.status_changed"
    case pilotParticipantAdded = "pilot_initiative.participant_added"
    case pilotParticipantRemoved = "pilot_initiative.participant_removed"
    case pilotActivityLogged = "pilot_initiative.activity_logged"
    case projectCreated = "project.created"
    case projectUpdated = "project.updated"
    case resourcePublished = "resource.published"
    case resourceUpdated = "resource.updated"
    case resourceDeleted = "resource.deleted"
    case announcementPublished = "announcement.published"
    case announcementCorrected = "announcement.corrected"
    case endpointDisabled = "webhook_endpoint.disabled"
    case test = "webhook.test"

    /// One line for `GET /v1/webhook-event-types`.
    public var summary: String {
        switch self {
        case .stakeholderRegistered: "An organisation registered itself; its review is pending."
        case .stakeholderApproved: "A registration was approved (or a suspended stakeholder reinstated)."
        case .stakeholderRejected: "A registration was rejected, with the reason."
        case .stakeholderSuspended: "An approved stakeholder was suspended, with the reason."
        case .stakeholderUpdated: "A stakeholder's profile changed."
        case .stakeholderResubmitted: "A rejected organisation corrected its registration and submitted it again; its review is pending."
        case .stakeholderMerged: "Staff merged a duplicate record into this organisation's; its registrations, applications, enrolments and endpoints are now this one's, and its ID redirects here (308)."
        case .accessTokenIssued: "A new access token was issued to a stakeholder; the previous one stopped working (a security message: it cannot be turned off)."
        case .stakeholderErased: "A stakeholder's personal data was erased; erase your copies of its contact and participants."
        case .eventCreated: "Staff created an event."
        case .eventUpdated: "An event's details changed."
        case .eventPostponed: "An event was postponed, to new dates or to a date not yet decided."
        case .eventRescheduled: "A postponed (or scheduled) event got new dates."
        case .eventCancelled: "An event was cancelled; its pending registrations and applications were closed."
        case .eventCompleted: "An event took place and was closed."
        case .registrationOpened: "An event's registration window opened (sent when it opens, to the organisations that took part in the parent event or in events of the same kind)."
        case .applicationsOpened: "An event's side-event application window opened (sent when it opens, to the organisations that took part in the parent event or in events of the same kind)."
        case .registrationCreated: "A stakeholder registered participants for an event."
        case .registrationApproved: "A participation registration was approved."
        case .registrationRejected: "A participation registration was rejected, with the reason."
        case .registrationWithdrawn: "A participation registration was withdrawn."
        case .registrationUpdated: "A registration's delegation changed (a substitution, an addition or a removal); its status is unchanged."
        case .registrationClosed: "A pending registration was closed because its event was cancelled."
        case .applicationSubmitted: "A stakeholder applied to organise a side event."
        case .applicationApproved: "A side-event application was approved."
        case .applicationRejected: "A side-event application was rejected, with the reason."
        case .applicationWithdrawn: "A side-event application was withdrawn."
        case .applicationUpdated: "An undecided side-event application was edited (its title, description, dates or co-organisers); co-organisers may change their answer."
        case .coOrganizerResponded: "A co-organiser named on a side-event application confirmed or declined."
        case .applicationClosed: "An undecided side-event application was closed because its event was cancelled."
        case .workshopCreated: "Staff scheduled a workshop."
        case .workshopUpdated: "A workshop's details changed (its capacity, say)."
        case .workshopPostponed: "A workshop was postponed, to new dates or to a date not yet decided."
        case .workshopRescheduled: "A workshop got new dates."
        case .workshopCancelled: "A workshop was cancelled."
        case .workshopCompleted: "A workshop took place and was closed."
        case .enrolmentConfirmed: "An enrolment got a seat."
        case .enrolmentWaitlisted: "An enrolment went on the waiting list, with its position."
        case .enrolmentPromoted: "A waitlisted enrolment got a seat that came free."
        case .enrolmentCancelled: "An enrolment was cancelled; its seat went to the next on the waiting list."
        case .enrolmentWaitlistMoved:
            "A place on a waiting list changed: someone ahead cancelled or got a seat, or an applicant from a priority country joined ahead (`previous` has the old position, `reason` says why)."
        case .enrolmentAttended:
            "Attendance was recorded: the participant's certificate of attendance is ready (the mail to the participant carries its link; `GET /v1/workshops/{id}/enrolments/{eid}/certificate` gives it)."
        case .feedbackRequested:
            "The workshop is completed and the participant attended: the mail to the participant carries the link to the feedback form (a rating per learning objective and a comment)."
        case .pilotCreated: "Staff proposed a pilot initiative."
        case .pilotUpdated: "A pilot initiative's details changed."
        case .pilotStatusChanged: "A pilot initiative became active, suspended or completed."
        case .pilotParticipantAdded: "A stakeholder joined a pilot initiative."
        case .pilotParticipantRemoved: "A stakeholder left a pilot initiative."
        case .pilotActivityLogged: "An activity was added to a pilot initiative's log."
        case .projectCreated: "Staff created a donor-funded project."
        case .projectUpdated: "A project's details changed (its title, donors, dates or code)."
        case .resourcePublished: "A knowledge resource was published."
        case .resourceUpdated: "A knowledge resource's details changed."
        case .resourceDeleted: "A knowledge resource was deleted; the payload is the resource as it was (delete your copy)."
        case .announcementPublished: "The Secretariat published an announcement to an audience the organisation is in."
        case .announcementCorrected: "A published announcement was corrected; it replaces the version sent before."
        case .endpointDisabled: "A webhook endpoint was disabled after failing for days (staff endpoints only)."
        case .test: "A test message sent on request to one endpoint."
        }
    }

    /// Types a stakeholder's own endpoint may subscribe to (what can concern it).
    public var isOpenToStakeholders: Bool {
        switch self {
        case .eventCreated, .eventUpdated, .eventCompleted, .endpointDisabled, .workshopCreated, .workshopUpdated, .workshopCompleted,
             .pilotCreated, .pilotUpdated, .projectCreated, .projectUpdated, .resourcePublished, .resourceUpdated, .resourceDeleted: false
        default: true
        }
    }

    /// Security messages reach the organisation's contact whatever its preferences say.
    public var isSecurity: Bool { self == .accessTokenIssued }
}

/// One change to announce: written to the outbox in the transaction that makes the change.
public struct ChangeNotification: Sendable {
    public var type: NotificationType
    /// The resource as the API returns it to staff: a JSON object, already encoded.
    public var data: Data
    /// The stakeholders it concerns: their own endpoints receive it too.
    public var concerns: [StakeholderID]
    /// For a lifecycle move of an event or workshop: its status and dates before the change; for a
    /// move on a waiting list: the position before.
    public var previous: PreviousState?
    /// Why it changed, when the resource does not say it itself (a move on a waiting list).
    public var reason: String?
    /// For a lifecycle move: each concerned organisation's own registrations, applications or
    /// enrolments, with their status after it; each organisation's endpoints receive only their own.
    public var affected: [StakeholderID: [AffectedItem]] = [:]

    public init(type: NotificationType, data: Data, concerns: [StakeholderID], previous: PreviousState? = nil, reason: String? = nil) {
        self.type = type
        self.data = data
        self.concerns = concerns
        self.previous = previous
        self.reason = reason
    }
}

/// Renders resources as the API shows them, for notification payloads. The server implements it
/// with its response types, so a webhook carries exactly what a GET would.
public protocol NotificationRenderer: Sendable {
    func render(_ stakeholder: Stakeholder) -> Data
    func render(_ event: Event) -> Data
    func render(_ registration: EventRegistration) -> Data
    func render(_ application: SideEventApplication) -> Data
    func render(_ endpoint: WebhookEndpoint) -> Data
    func render(_ workshop: WorkshopSummary) -> Data
    func render(_ enrolment: Enrolment) -> Data
    func render(_ initiative: PilotInitiative) -> Data
    func render(_ activity: PilotActivity) -> Data
    func render(_ resource: Resource) -> Data
    func render(_ project: Project) -> Data
    func render(_ announcement: Announcement) -> Data
}
