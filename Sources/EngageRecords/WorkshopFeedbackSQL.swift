import EngageDomain
import Foundation

/// The feedback answers as SQL both stores run (binds by `:name`, see `SQLFragment.binding`), and
/// the mapping of a row, so each store only reads its columns.
public enum WorkshopFeedbackSQL {
    /// The table, the same on both stores: times are RFC 3339 text in UTC (they sort as text), as the
    /// values bound by name are text on both.
    public static let schema = """
        CREATE TABLE workshop_feedback (
            enrolment_id TEXT PRIMARY KEY REFERENCES workshop_enrolment(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
            ratings TEXT NOT NULL,
            comment TEXT,
            submitted_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX workshop_feedback_by_workshop ON workshop_feedback(workshop_id, updated_at);
        """

    /// Stores an answer, replacing the enrolment's earlier one (`:enrolment`, `:workshop`, `:ratings`, `:comment`, `:submitted`, `:updated`).
    public static let upsert = """
        INSERT INTO workshop_feedback (enrolment_id, workshop_id, ratings, comment, submitted_at, updated_at)
        VALUES (:enrolment, :workshop, :ratings, :comment, :submitted, :updated)
        ON CONFLICT (enrolment_id) DO UPDATE SET ratings = excluded.ratings, comment = excluded.comment, updated_at = excluded.updated_at
        """

    public static let byEnrolment = "SELECT * FROM workshop_feedback WHERE enrolment_id = :enrolment"
    /// The answers of those who are attendees now (attendance can be withdrawn after the workshop).
    public static let byWorkshop = """
        SELECT f.* FROM workshop_feedback f JOIN workshop_enrolment e ON e.id = f.enrolment_id
        WHERE f.workshop_id = :workshop AND e.status = 'confirmed' AND e.attended
        ORDER BY f.updated_at, f.enrolment_id
        """
    public static let attendees = """
        SELECT CAST(COUNT(*) AS INTEGER) AS attendees FROM workshop_enrolment WHERE workshop_id = :workshop AND status = 'confirmed' AND attended
        """

    /// The binds of `upsert` for `answer`.
    public static func binds(_ answer: WorkshopFeedback) -> [String: String] {
        [
            "enrolment": answer.enrolmentID.rawValue, "workshop": answer.workshopID.rawValue, "ratings": JSONText.encode(answer.ratings),
            "comment": answer.comment ?? "", "submitted": Timestamp.format(answer.submittedAt), "updated": Timestamp.format(answer.updatedAt),
        ]
    }

    /// An answer from its columns.
    public static func answer(enrolment: String, workshop: String, ratings: String, comment: String?, submittedAt: String, updatedAt: String) -> WorkshopFeedback {
        WorkshopFeedback(
            enrolmentID: EnrolmentID(unchecked: enrolment), workshopID: WorkshopID(unchecked: workshop),
            ratings: JSONText.decode([Int?].self, ratings) ?? [], comment: comment?.isEmpty == false ? comment : nil,
            submittedAt: Timestamp.parse(submittedAt) ?? .distantPast, updatedAt: Timestamp.parse(updatedAt) ?? .distantPast)
    }
}
