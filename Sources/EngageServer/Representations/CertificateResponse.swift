import EngageDomain

/// A certificate of attendance as the public check shows it: whether it holds, for whom, for what.
/// Nothing private: the attendee's name (which the certificate itself shows) and public facts.
struct CertificateResponse: Encodable, Sendable {
    struct Person: Encodable, Sendable { var name: String }
    struct Organisation: Encodable, Sendable {
        var id: String
        var name: String
    }
    struct WorkshopFacts: Encodable, Sendable {
        var id: String
        var title: String
        var series: String?
        var startsOn: String?
        var endsOn: String?
    }

    var code: String
    var valid: Bool
    var reason: String?
    var participant: Person
    var organisation: Organisation
    var workshop: WorkshopFacts
    var url: String

    init(code: String, enrolment: Enrolment, workshop: Workshop, organisation: Stakeholder?, invalidity: String?, url: String) {
        self.code = code
        valid = invalidity == nil
        reason = invalidity
        participant = Person(name: enrolment.participant.name)
        self.organisation = Organisation(id: enrolment.stakeholderID.rawValue, name: organisation?.name ?? "")
        self.workshop = WorkshopFacts(
            id: workshop.id.rawValue, title: workshop.title.best(for: .fallback)?.text ?? "", series: workshop.series,
            startsOn: workshop.dates?.startsOn.description, endsOn: workshop.dates?.endsOn.description)
        self.url = url
    }
}
