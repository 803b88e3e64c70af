import EngageCore
import EngageDomain
import EngageNotifications
import Foundation
import Hummingbird

/// `/v1/certificates/{code}`: anyone holding a certificate's code can check it (JSON), or open the
/// printable certificate (`Accept: text/html`, as a browser asks). The enrolling organisation and API
/// keys find an enrolment's certificate at `/v1/workshops/{id}/enrolments/{eid}/certificate`.
struct CertificateController: Sendable {
    let stakeholders: any StakeholderRepository
    /// Opens and makes the certificates' codes.
    let certificates: EnrolmentLink
    let renderer: MailRenderer
    let publicURL: String

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/certificates/:code", use: show)
        router.get("/v1/workshops/:id/enrolments/:eid/certificate", use: ofEnrolment)
    }

    // MARK: Handlers

    /// Valid or not, for whom, which workshop, which dates; a code that does not verify is 404.
    @Sendable func show(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        try query.check()
        let code = try context.parameters.require("code")
        guard let found = try await certificates.resolve(code) else { throw DomainError.notFound(resource: "certificate", id: code) }
        let certificate = try await describe(found), workshop = found.workshop
        let headers: HTTPFields = [.cacheControl: "no-cache", .vary: "Accept, Accept-Language"]
        guard MediaTypePreference(request, alternative: "text/html").prefersAlternative else {
            return try JSONResponse.make(certificate, headers: headers)
        }
        let pageLanguage = language.first
        let page = renderer.certificate(CertificatePage(
            participant: certificate.participant.name, organisation: certificate.organisation.name,
            title: workshop.title.best(for: pageLanguage)?.text ?? "", series: workshop.series,
            startsOn: workshop.dates?.startsOn.description, endsOn: workshop.dates?.endsOn.description,
            code: certificate.code, verifyURL: certificate.url, invalidReason: certificate.reason), language: pageLanguage)
        var htmlHeaders = headers
        htmlHeaders[.contentType] = "text/html; charset=utf-8"
        htmlHeaders[.contentLanguage] = pageLanguage.rawValue
        return Response(status: .ok, headers: htmlHeaders, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// An enrolment's certificate (valid or not, with its code and link), for the enrolling
    /// organisation and API keys; to anyone else the enrolment does not exist.
    @Sendable func ofEnrolment(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try QueryReader(request, context).check()
        let workshopID = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        let id = try context.identifier("eid", as: EnrolmentID.self, resource: "enrolment")
        if context.principal == .anonymous { throw Problem.unauthorized("use an API key or the stakeholder's access token") }
        guard let found = try await certificates.find(id, of: workshopID), context.maySee(ownedBy: { $0 == found.enrolment.stakeholderID }) else {
            throw DomainError.notFound(resource: "enrolment", id: id.rawValue)
        }
        return try JSONResponse.make(try await describe(found), headers: [.cacheControl: "private, no-cache"])
    }

    // MARK: Helpers

    /// The certificate of an enrolment of a workshop.
    private func describe(_ found: (enrolment: Enrolment, workshop: Workshop)) async throws -> CertificateResponse {
        let (enrolment, workshop) = found
        let code = certificates.code(enrolment.id)
        return CertificateResponse(
            code: code, enrolment: enrolment, workshop: workshop, organisation: try await stakeholders.find(enrolment.stakeholderID),
            invalidity: Certificates.invalidity(of: enrolment, in: workshop), url: Self.url(publicURL, code))
    }

    /// Where a certificate is checked.
    static func url(_ publicURL: String, _ code: String) -> String { EnrolmentSeal.url(.certificate, publicURL, code) }
}
