import Foundation

/// What the change feed records for a notification, before the store gives it its sequence.
/// Every notification is written by the outbox in the transaction of its change, so the feed
/// holds every notified change and nothing that rolled back.
public struct ChangeDraft: Sendable, Equatable {
    public var resourceType: ChangeResourceType
    public var resourceID: String
    public var version: Int?
    public var kind: ChangeKind
    public var notificationType: NotificationType
    /// Whether anonymous readers see it.
    public var isPublic: Bool
    /// The organisations whose tokens see it when it is not public (empty when it is).
    public var concerns: [StakeholderID]

    // MARK: From a notification

    /// The entries a notification records: one for the resource it carries, and for a merge a
    /// tombstone of the record merged away; none for messages that change no resource (a test
    /// message, an access token issued, a feedback request, a disabled endpoint).
    public static func drafts(for notification: ChangeNotification) -> [ChangeDraft] {
        drafts(for: notification, fields: (try? JSONSerialization.jsonObject(with: notification.data)) as? [String: Any] ?? [:])
    }

    /// `drafts(for:)` from the payload already parsed (`JSONSerialization`'s object), for a caller that
    /// reads it for other things too (`PreparedNotification`): the feed needs five of its fields.
    public static func drafts(for notification: ChangeNotification, fields: [String: Any]) -> [ChangeDraft] {
        let type = notification.type
        guard !skipped.contains(type),
              let prefix = type.rawValue.split(separator: ".").first,
              var resourceType = ChangeResourceType(rawValue: String(prefix)),
              let id = fields["id"] as? String else { return [] }
        var resourceID = id, version = fields["version"] as? Int
        if type == .pilotActivityLogged {
            // The payload is the activity; what changed is its initiative's log.
            guard let initiative = fields["pilot_initiative_id"] as? String else { return [] }
            (resourceType, resourceID, version) = (.pilotInitiative, initiative, nil)
        }
        let isPublic = resourceType.isPublicKind
            || (resourceType == .stakeholder && (fields["status"] as? String == StakeholderStatus.approved.rawValue || type == .stakeholderSuspended))
        var concerns = notification.concerns
        if resourceType == .stakeholder { concerns.append(StakeholderID(unchecked: resourceID)) }
        if let owner = fields["stakeholder_id"] as? String { concerns.append(StakeholderID(unchecked: owner)) }
        var drafts = [ChangeDraft(
            resourceType: resourceType, resourceID: resourceID, version: version, kind: kind(of: type), notificationType: type,
            isPublic: isPublic, concerns: isPublic ? [] : unique(concerns))]
        if type == .stakeholderMerged, let merged = notification.previous?.mergedID {
            let wasPublic = notification.previous?.status == StakeholderStatus.approved.rawValue
            drafts.append(ChangeDraft(
                resourceType: .stakeholder, resourceID: merged, version: nil, kind: .deleted, notificationType: type,
                isPublic: wasPublic, concerns: wasPublic ? [] : unique(concerns + [StakeholderID(unchecked: merged)])))
        }
        return drafts
    }

    /// Notifications that announce no change to a resource.
    private static let skipped: Set<NotificationType> = [.test, .accessTokenIssued, .feedbackRequested, .endpointDisabled]

    private static func kind(of type: NotificationType) -> ChangeKind {
        switch type {
        case .stakeholderRegistered, .eventCreated, .registrationCreated, .applicationSubmitted, .workshopCreated,
             .enrolmentConfirmed, .enrolmentWaitlisted, .pilotCreated, .projectCreated, .resourcePublished, .announcementPublished:
            .created
        case .resourceDeleted: .deleted
        default: .updated
        }
    }

    private static func unique(_ ids: [StakeholderID]) -> [StakeholderID] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0.rawValue).inserted }
    }
}
