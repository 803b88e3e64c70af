import EngageDomain

/// An organiser of a side event, as everyone sees it: the organisation's ID, name and part.
struct SideEventOrganizerResponse: Encodable, Sendable {
    var stakeholderId: String
    var name: String
    var role: String

    init(_ organizer: SideEventOrganizer) {
        stakeholderId = organizer.stakeholderID.rawValue
        name = organizer.name
        role = organizer.role.rawValue
    }
}
