import EngageDomain
import Foundation

/// Recording who attended a workshop. The stores load and lock; this decides.
public enum Attendance {
    /// The enrolment with `attended` recorded, or nil when it already says so; a `DomainError` says why not:
    /// a cancelled workshop has no attendance, one that has not begun has none yet, and only confirmed
    /// enrolments attend.
    public static func record(_ attended: Bool, on enrolment: Enrolment, of workshop: Workshop, now: Date) throws(DomainError) -> Enrolment? {
        if workshop.status == .cancelled { throw .conflict("\(workshop.id) was cancelled; there is no attendance to record") }
        if let refusal = workshop.startRefusal(today: LocalDate(now)) { throw .conflict(refusal + "; attendance is taken once it has") }
        guard enrolment.status == .confirmed else {
            throw .conflict("\(enrolment.id) is \(enrolment.status.rawValue); only confirmed enrolments attend")
        }
        guard enrolment.attended != attended else { return nil }
        var updated = enrolment
        updated.attended = attended
        updated.updatedAt = now
        updated.version += 1
        return updated
    }

    /// What a change of attendance tells the attendee: recorded attendance issues the certificate
    /// (`workshop_enrolment.attended`, whose mail carries its link) and, once the workshop is completed,
    /// asks for feedback; a withdrawal tells nothing (the certificate's check then says it no longer holds).
    public static func notifications(after enrolment: Enrolment, in workshop: Workshop) -> [NotificationType] {
        guard enrolment.attended == true else { return [] }
        return [.enrolmentAttended] + (workshop.status == .completed ? [.feedbackRequested] : [])
    }

    /// Whom completing a workshop asks for feedback: its attendees (confirmed, attendance recorded).
    public static func askedOnCompletion(_ enrolment: Enrolment) -> Bool {
        enrolment.status == .confirmed && enrolment.attended == true
    }
}
