import Foundation

/// What erased personal data is replaced with. Counts, roles, statuses and dates stay, so the figures
/// per event, workshop and region still add up; names, addresses and free text do not.
public enum Erasure {
    /// Stands in for an erased name or free text.
    public static let marker = "[erased]"
    /// Stands in for an erased e-mail address: well formed, and undeliverable by definition (RFC 2606 `.invalid`).
    public static let email = "erased@erased.invalid"

    /// A distinct stand-in address for the record `id` (an open enrolment's address is unique per workshop).
    public static func email(for id: String) -> String { "erased.\(id)@erased.invalid" }

    /// A delegate with the person taken out: the role and the gender (counted only in aggregates) stay.
    public static func erased(_ participant: Participant) -> Participant {
        Participant(name: marker, email: email, role: participant.role, gender: participant.gender)
    }
}
