import EngageCore
import EngageDomain

/// The enrolment a link given to an attendee names (a certificate's code, a feedback form's token):
/// the seal opened, then the enrolment and its workshop read.
struct EnrolmentLink: Sendable {
    let workshops: any WorkshopRepository
    let seal: EnrolmentSeal

    /// The enrolment and workshop `code` names; nil when it does not verify or names nothing.
    func resolve(_ code: String) async throws -> (enrolment: Enrolment, workshop: Workshop)? {
        guard let id = seal.open(code), let workshopID = try await workshops.workshop(ofEnrolment: id) else { return nil }
        return try await find(id, of: workshopID)
    }

    /// The enrolment `id` of `workshopID`, with the workshop; nil when there is no such enrolment.
    func find(_ id: EnrolmentID, of workshopID: WorkshopID) async throws -> (enrolment: Enrolment, workshop: Workshop)? {
        guard let workshop = try await workshops.find(workshopID)?.workshop,
              let enrolment = try await workshops.findEnrolment(id, of: workshopID) else { return nil }
        return (enrolment, workshop)
    }

    /// The code or token of `enrolment`.
    func code(_ enrolment: EnrolmentID) -> String { seal.seal(enrolment) }
}
