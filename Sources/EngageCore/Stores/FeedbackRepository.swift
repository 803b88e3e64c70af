import EngageDomain
import Foundation

/// Attendees' answers to completed workshops' feedback forms.
public protocol FeedbackRepository: Sendable {
    /// Stores (or replaces) the answer of `enrolment`, checking in the transaction that
    /// `Feedback.refusal` allows it; returns it as stored. `notFound` when there is no such enrolment.
    func answer(_ enrolment: EnrolmentID, _ input: WorkshopFeedbackInput, now: Date) async throws -> WorkshopFeedback
    /// The answer of `enrolment`, if it gave one.
    func find(_ enrolment: EnrolmentID) async throws -> WorkshopFeedback?
    /// Every answer to `workshop`'s form, and how many attendees were asked (confirmed, attendance recorded).
    func answers(to workshop: WorkshopID) async throws -> (answers: [WorkshopFeedback], attendees: Int)
}
