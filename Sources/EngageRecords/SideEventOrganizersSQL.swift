import EngageDomain

/// The organisers of a side event, for both stores: the organiser of the approved application that
/// created it, then its co-organisers in order, except those who declined; only approved organisations
/// (the public does not see the others).
public enum SideEventOrganizersSQL {
    /// The query around its one placeholder, the side event's ID: each store puts its own between the two.
    public static let query = (before: "WITH target (id) AS (SELECT CAST(", after: """
         AS TEXT))
        SELECT stakeholder_id, name, role FROM (
            SELECT a.stakeholder_id, s.name, 'organizer' AS role, -1 AS position
            FROM side_event_application a JOIN stakeholder s ON s.id = a.stakeholder_id
            WHERE a.side_event_id = (SELECT id FROM target) AND a.status = 'approved' AND s.status = 'approved'
            UNION ALL
            SELECT c.stakeholder_id, s.name, 'co_organizer', c.position
            FROM side_event_co_organizer c JOIN side_event_application a ON a.id = c.application_id
            JOIN stakeholder s ON s.id = c.stakeholder_id
            WHERE a.side_event_id = (SELECT id FROM target) AND a.status = 'approved' AND c.consent <> 'declined'
                AND s.status = 'approved'
        ) organizers ORDER BY position
        """)

    /// One organiser from a row's three columns.
    public static func organizer(stakeholderID: String, name: String, role: String) throws -> SideEventOrganizer {
        guard let role = SideEventOrganizer.Role(rawValue: role) else { throw StorageError.corruptRow(table: "side_event_application", id: stakeholderID) }
        return SideEventOrganizer(stakeholderID: StakeholderID(unchecked: stakeholderID), name: name, role: role)
    }
}
