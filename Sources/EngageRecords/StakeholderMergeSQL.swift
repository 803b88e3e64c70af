import Foundation

/// Merging one stakeholder record into another, as SQL both stores run in one transaction. Each
/// statement names `:merged` and `:survivor`; `SQLFragment.binding` turns them into binds.
///
/// Everything that belongs to the merged record moves to the survivor: registrations, side-event
/// applications and co-organisations, enrolments, pilot participations, memberships (both ways),
/// webhook endpoints, mail deliveries and history. Where both held the same thing (a co-organisation
/// of the same application, a pilot, a network), the survivor's is kept. Earlier merges into the
/// merged record now point at the survivor, so every redirect is one hop. The record itself is then
/// deleted with what is only its own (topics, notification settings).
public enum StakeholderMergeSQL {
    /// Events for which both hold an open registration: the merge waits until one is withdrawn.
    public static let conflicts = """
        SELECT m.event_id FROM event_registration m
        JOIN event_registration s ON s.event_id = m.event_id AND s.stakeholder_id = :survivor AND s.status IN ('pending', 'approved')
        WHERE m.stakeholder_id = :merged AND m.status IN ('pending', 'approved')
        ORDER BY m.event_id
        """

    /// How many members the merged record has as a network: they move only to a network.
    public static let members = "SELECT CAST(COUNT(*) AS INTEGER) AS members FROM stakeholder_membership WHERE network_id = :merged"

    /// The statements, in order.
    public static let statements = [
        "UPDATE event_registration SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        // Nobody co-organises its own application, nor the same one twice.
        """
        DELETE FROM side_event_co_organizer WHERE stakeholder_id = :merged AND (
            application_id IN (SELECT application_id FROM side_event_co_organizer WHERE stakeholder_id = :survivor)
            OR application_id IN (SELECT id FROM side_event_application WHERE stakeholder_id = :survivor))
        """,
        """
        DELETE FROM side_event_co_organizer WHERE stakeholder_id = :survivor
            AND application_id IN (SELECT id FROM side_event_application WHERE stakeholder_id = :merged)
        """,
        "UPDATE side_event_co_organizer SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE side_event_application SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE workshop_enrolment SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        """
        DELETE FROM pilot_initiative_participant WHERE stakeholder_id = :merged
            AND pilot_initiative_id IN (SELECT pilot_initiative_id FROM pilot_initiative_participant WHERE stakeholder_id = :survivor)
        """,
        "UPDATE pilot_initiative_participant SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        """
        DELETE FROM stakeholder_membership WHERE member_id = :merged
            AND (network_id = :survivor OR network_id IN (SELECT network_id FROM stakeholder_membership WHERE member_id = :survivor))
        """,
        "UPDATE stakeholder_membership SET member_id = :survivor WHERE member_id = :merged",
        """
        DELETE FROM stakeholder_membership WHERE network_id = :merged
            AND (member_id = :survivor OR member_id IN (SELECT member_id FROM stakeholder_membership WHERE network_id = :survivor))
        """,
        "UPDATE stakeholder_membership SET network_id = :survivor WHERE network_id = :merged",
        "UPDATE webhook_endpoint SET owner_stakeholder_id = :survivor WHERE owner_stakeholder_id = :merged",
        "UPDATE mail_delivery SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE stakeholder_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        // Other records' entries that name it (participants, co-organisers' answers), and the records it resembled.
        "UPDATE event_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE workshop_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE pilot_initiative_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE event_registration_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        "UPDATE side_event_application_history SET stakeholder_id = :survivor WHERE stakeholder_id = :merged",
        """
        UPDATE stakeholder SET possible_duplicate_of = REPLACE(possible_duplicate_of, :merged, :survivor)
        WHERE possible_duplicate_of LIKE '%' || :merged || '%'
        """,
        "UPDATE stakeholder_merge SET survivor_id = :survivor WHERE survivor_id = :merged",
        "DELETE FROM stakeholder WHERE id = :merged",
    ]

    /// Where a merged record's ID leads now.
    public static let survivor = "SELECT survivor_id, merged_status FROM stakeholder_merge WHERE merged_id = :merged"

    /// Records the merge (after `statements`): `:merged`, `:survivor`, `:name` and `:status` (the merged
    /// record's), `:actor`, `:at` (RFC 3339 text on both stores).
    public static let record = """
        INSERT INTO stakeholder_merge (merged_id, survivor_id, merged_name, merged_status, actor, merged_at)
        VALUES (:merged, :survivor, :name, :status, :actor, :at)
        """

    /// The table, as SQLite's migration creates it (the same columns serve both stores).
    public static let sqliteSchema = postgresSchema.replacingOccurrences(of: "\n);", with: "\n) WITHOUT ROWID;")

    /// The table, as PostgreSQL's migration creates it.
    public static let postgresSchema = """
        CREATE TABLE stakeholder_merge (
            merged_id TEXT PRIMARY KEY,
            survivor_id TEXT NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
            merged_name TEXT NOT NULL,
            merged_status TEXT NOT NULL,
            actor TEXT NOT NULL,
            merged_at TEXT NOT NULL
        );
        CREATE INDEX stakeholder_merge_by_survivor ON stakeholder_merge(survivor_id);
        """
}
