import EngageDomain
import EngageNotifications
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Certificates of attendance")
struct CertificateTests {
    @Test("recording attendance issues a certificate anyone can check by its code; withdrawing it revokes the certificate")
    func issueCheckRevoke() async throws {
        let clock = ManualClock("2027-03-02T12:00:00Z")
        try await TestHarness.run(clock: clock.source) { app in
            // Given a confirmed participant of a workshop that has begun
            let workshop = try await app.createWorkshop()
            let org = try await app.registerApproved(["name": "Fundación Rutas Seguras"])
            let seat = try #require(try await app.enrol(workshop, org, email: "rosa@example.org").headers[.location])
            clock.set("2027-04-07T15:00:00Z")
            let before = try await app.send(.get, "\(seat)/certificate", token: org.token).object()
            #expect(before["valid"] as? Bool == false && before["reason"] as? String == "attendance is not recorded")
            let code = try #require(before["code"] as? String)
            #expect(try await app.send(.get, "/v1/certificates/\(code)").object()["valid"] as? Bool == false)

            // When staff record the attendance
            #expect(try await app.send(.patch, seat, token: app.staffKey, json: ["attended": true]).status == .ok)

            // Then the attendee is mailed (the link is made when the mail is written) and the code checks out, for anyone
            #expect(try await app.database.scalar(
                "SELECT CAST(COUNT(*) AS TEXT) FROM mail_delivery WHERE type = 'workshop_enrolment.attended' AND recipient_email = 'rosa@example.org'") == "1")
            let check = try await app.send(.get, "/v1/certificates/\(code.uppercased())")
            #expect(check.status == .ok && check.headers[.cacheControl] == "no-cache")
            let certificate = try check.object()
            #expect(certificate["valid"] as? Bool == true && certificate["reason"] == nil)
            #expect((certificate["participant"] as? [String: Any])?["name"] as? String == "Participant rosa@example.org")
            #expect((certificate["organisation"] as? [String: Any])?["name"] as? String == "Fundación Rutas Seguras")
            let facts = try #require(certificate["workshop"] as? [String: Any])
            #expect(facts["id"] as? String == workshop && facts["series"] as? String == "SE4U")
            #expect(facts["starts_on"] as? String == "2027-04-07" && facts["ends_on"] as? String == "2027-04-08")
            #expect((certificate["url"] as? String)?.hasSuffix("/v1/certificates/\(code)") == true)
            // Nothing private: no e-mail address field, no position, no enrolment internals
            #expect(!check.bodyText.contains("\"email\"") && !check.bodyText.contains("Programme officer") && !check.bodyText.contains("attended"))

            // A browser gets the printable page, in the reader's language
            let page = try await app.send(.get, "/v1/certificates/\(code)?lang=fr", headers: ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.headers[.contentType] == "text/html; charset=utf-8" && page.headers[.contentLanguage] == "fr")
            for text in ["Certificat de participation", "Participant rosa@example.org", "Fundación Rutas Seguras", "SE4U", code, "@page"] {
                #expect(page.bodyText.contains(text), "the page lacks \(text)")
            }

            // A code edited by hand, made up, or of another kind does not open
            let edited = String(code.dropLast()) + (code.last == "a" ? "b" : "a")
            for bad in [edited, "enr_00000000000000000000.0000000000000000", "hello", code.replacingOccurrences(of: ".", with: "")] {
                #expect(try await app.send(.get, "/v1/certificates/\(bad)").isProblem(404), "\(bad) opened")
            }
            // The enrolment's certificate is the organisation's and staff's to fetch, nobody else's
            let other = try await app.registerApproved(["name": "Other Org", "contact": ["name": "O", "email": "o@example.org"]])
            #expect(try await app.send(.get, "\(seat)/certificate", token: other.token).isProblem(404))
            #expect(try await app.send(.get, "\(seat)/certificate").isProblem(401))
            #expect(try await app.send(.get, "\(seat)/certificate", token: app.readerKey).object()["valid"] as? Bool == true)

            // When the attendance is withdrawn, the same code says the certificate no longer holds
            #expect(try await app.send(.patch, seat, token: app.staffKey, json: ["attended": false]).status == .ok)
            let revoked = try await app.send(.get, "/v1/certificates/\(code)").object()
            #expect(revoked["valid"] as? Bool == false && revoked["reason"] as? String == "attendance is not recorded")
        }
    }

    @Test("the attendee's mail carries the certificate's link, in every language")
    func mailCarriesTheLink() throws {
        let renderer = try MailRenderer()
        var context = MailContext(title: "SE4U", startsOn: "2027-04-07", endsOn: "2027-04-08", participant: "Rosa")
        context.enrolmentID = "enr_00000000000000000001"
        for language in UNLanguage.allCases {
            let mail = renderer.render(.enrolmentAttended, context: context, recipientName: "Rosa", language: language, unsubscribeURL: nil,
                                       links: ["certificate_url": "https://engage.example/v1/certificates/enr_1.abc"])
            #expect(mail.text.contains("https://engage.example/v1/certificates/enr_1.abc"), "\(language)")
        }
        // The feedback form's link goes to the attendee only; the contact's mail says each attendee has one
        let asked = renderer.render(.feedbackRequested, context: context, recipientName: "Rosa", language: .en, unsubscribeURL: nil,
                                    links: ["feedback_url": "https://engage.example/v1/feedback/enr_1.def"])
        let told = renderer.render(.feedbackRequested, context: context, recipientName: "Contact", language: .en, unsubscribeURL: nil)
        #expect(asked.text.contains("https://engage.example/v1/feedback/enr_1.def") && !asked.text.contains("own link"))
        #expect(!told.text.contains("/v1/feedback/") && told.text.contains("Each attendee received their own link"))
    }

    @Test("a seal opens only for its own purpose and enrolment")
    func seals() {
        let secret = Data(repeating: 7, count: 32)
        let certificates = EnrolmentSeal(.certificate, serverSecret: secret), feedback = EnrolmentSeal(.feedback, serverSecret: secret)
        let enrolment = EnrolmentID.generate()
        let code = certificates.seal(enrolment)
        #expect(code.count == 41 && code.hasPrefix(enrolment.rawValue + "."))
        #expect(certificates.open(code) == enrolment && certificates.open(code.uppercased()) == enrolment)
        #expect(feedback.open(code) == nil && feedback.open(feedback.seal(enrolment)) == enrolment)
        #expect(EnrolmentSeal(.certificate, serverSecret: Data(repeating: 8, count: 32)).open(code) == nil)
    }
}
