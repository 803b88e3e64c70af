import EngageDomain
import Foundation

/// Who may answer a workshop's feedback form, and when it is asked for.
public enum Feedback {
    /// Why `enrolment` may not answer now, or nil: the workshop must be completed, and the
    /// enrolment confirmed with its attendance recorded.
    public static func refusal(_ enrolment: Enrolment, of workshop: Workshop) -> String? {
        guard workshop.status == .completed else { return "\(workshop.id) is \(workshop.status.rawValue); its feedback form opens when it is completed" }
        guard enrolment.status == .confirmed, enrolment.attended == true else { return "only attendees answer the feedback form of \(workshop.id)" }
        return nil
    }

    /// The answer after `input`: new, or replacing the one given before (keeping when it was first given).
    public static func answer(_ input: WorkshopFeedbackInput, by enrolment: Enrolment, replacing previous: WorkshopFeedback?, now: Date) -> WorkshopFeedback {
        WorkshopFeedback(
            enrolmentID: enrolment.id, workshopID: enrolment.workshopID, ratings: input.ratings, comment: input.comment,
            submittedAt: previous?.submittedAt ?? now, updatedAt: now)
    }
}
