/// Who organises a side event, shown publicly: organising a public side event is public.
public struct SideEventOrganizer: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case organizer
        case coOrganizer = "co_organizer"
    }

    public var stakeholderID: StakeholderID
    public var name: String
    public var role: Role

    public init(stakeholderID: StakeholderID, name: String, role: Role) {
        self.stakeholderID = stakeholderID
        self.name = name
        self.role = role
    }
}
