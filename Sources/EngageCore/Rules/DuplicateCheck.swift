import EngageDomain
import Foundation

/// Likely duplicates of a self-registration: the same organisation registered twice is common (a second
/// person in the same NGO, a forgotten first attempt). The new record is still created, flagged for staff
/// with the IDs it resembles; staff decide.
public enum DuplicateCheck {
    /// What is compared of an existing registration.
    public struct Candidate: Sendable {
        public var id: StakeholderID
        public var name: String
        public var country: String
        public var contactEmail: String

        public init(id: StakeholderID, name: String, country: String, contactEmail: String) {
            self.id = id
            self.name = name
            self.country = country
            self.contactEmail = contactEmail
        }
    }

    /// A name as compared: case, accents, width, punctuation and spacing folded ("Observatorio  Ciudadano,
    /// A.C." and "observatorio ciudadano ac" compare equal).
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter(CharacterSet.alphanumerics.contains)))
    }

    /// The candidates with the same folded name and country, or the same contact e-mail (case folded), in order.
    public static func duplicates(name: String, country: String, contactEmail: String, among candidates: [Candidate]) -> [StakeholderID] {
        let nameKey = key(name)
        let email = contactEmail.lowercased()
        return candidates.filter { candidate in
            (candidate.country == country && !nameKey.isEmpty && key(candidate.name) == nameKey)
                || candidate.contactEmail.lowercased() == email
        }.map(\.id)
    }
}
