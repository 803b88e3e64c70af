import Foundation

/// Who an announcement goes to.
public enum AnnouncementAudience: Sendable, Equatable {
    /// Every approved organisation.
    case approvedStakeholders
    /// The organisations registered (pending or approved) for an event.
    case eventRegistrants(EventID)
    /// The organisations with a seat or a place on the waiting list of a workshop.
    case workshopEnrolled(WorkshopID)
    /// The organisations taking part in a pilot initiative.
    case pilotParticipants(PilotInitiativeID)
    /// Approved organisations matching every list given (any value within a list).
    case stakeholders(regions: [UNRegion], countries: [String], kinds: [StakeholderKind], topics: [Topic])

    /// The `kind` names of the API.
    public static let kinds = ["approved_stakeholders", "event_registrants", "workshop_enrolled", "pilot_participants", "stakeholders"]

    public var kind: String {
        switch self {
        case .approvedStakeholders: "approved_stakeholders"
        case .eventRegistrants: "event_registrants"
        case .workshopEnrolled: "workshop_enrolled"
        case .pilotParticipants: "pilot_participants"
        case .stakeholders: "stakeholders"
        }
    }

    /// As the API and the database write it: `{"kind": …, "event_id": …}` and the like.
    public var json: [String: JSONValue] {
        var fields: [String: JSONValue] = ["kind": .string(kind)]
        switch self {
        case .approvedStakeholders: break
        case .eventRegistrants(let id): fields["event_id"] = .string(id.rawValue)
        case .workshopEnrolled(let id): fields["workshop_id"] = .string(id.rawValue)
        case .pilotParticipants(let id): fields["pilot_initiative_id"] = .string(id.rawValue)
        case .stakeholders(let regions, let countries, let kinds, let topics):
            fields["regions"] = .array(regions.map { .string($0.rawValue) })
            fields["countries"] = .array(countries.map { .string($0) })
            fields["kinds"] = .array(kinds.map { .string($0.rawValue) })
            fields["topics"] = .array(topics.map { .string($0.rawValue) })
        }
        return fields
    }

    /// Reads `{"kind": …}` with the fields its kind needs, naming every bad one under `path`.
    public static func read(_ reader: inout ObjectReader) -> AnnouncementAudience? {
        guard let kind = reader.string("kind", required: true, maxLength: 40) else { return nil }
        switch kind {
        case "approved_stakeholders": return .approvedStakeholders
        case "event_registrants": return reader.identifier("event_id", EventID.self, required: true).map(AnnouncementAudience.eventRegistrants)
        case "workshop_enrolled": return reader.identifier("workshop_id", WorkshopID.self, required: true).map(AnnouncementAudience.workshopEnrolled)
        case "pilot_participants":
            return reader.identifier("pilot_initiative_id", PilotInitiativeID.self, required: true).map(AnnouncementAudience.pilotParticipants)
        case "stakeholders":
            let regions = reader.stringArray("regions", maxCount: UNRegion.allCases.count, allowNull: false) {
                UNRegion(rawValue: $0) == nil ? "must be one of: \(UNRegion.allCases.map(\.rawValue).joined(separator: ", "))" : nil
            }?.compactMap(UNRegion.init(rawValue:)) ?? []
            let countries = reader.countries("countries") ?? []
            let kinds = reader.stringArray("kinds", maxCount: StakeholderKind.allCases.count, allowNull: false) {
                StakeholderKind(rawValue: $0) == nil ? "must be one of: \(StakeholderKind.allCases.map(\.rawValue).joined(separator: ", "))" : nil
            }?.compactMap(StakeholderKind.init(rawValue:)) ?? []
            let topics = reader.topics("topics") ?? []
            return .stakeholders(regions: regions, countries: countries, kinds: kinds, topics: topics)
        default:
            reader.fail("kind", "must be one of: \(kinds.joined(separator: ", "))")
            return nil
        }
    }

    /// The stored form back (what `json` wrote).
    public init?(stored fields: [String: JSONValue]) {
        var reader = ObjectReader(.object(fields))
        guard let audience = Self.read(&reader), reader.errors.isEmpty else { return nil }
        self = audience
    }
}
