import EngageDomain

/// When a workshop enrolment earns a certificate of attendance. A certificate is not stored: its code
/// is a seal over the enrolment (`EnrolmentSeal`), and whether it holds is read from the enrolment each
/// time, so recording attendance issues it and withdrawing attendance revokes it.
public enum Certificates {
    /// Why `enrolment` has no valid certificate now, or nil when it has one.
    public static func invalidity(of enrolment: Enrolment, in workshop: Workshop) -> String? {
        if workshop.status == .cancelled { return "the workshop was cancelled" }
        if enrolment.status != .confirmed { return "the enrolment is \(enrolment.status.rawValue)" }
        if enrolment.attended != true { return "attendance is not recorded" }
        return nil
    }
}
