import EngageCore
import EngageDomain
import EngageNotifications
import Foundation
import Testing

@Suite("Mail rendering: templates in six languages, MIME, SMTP outcomes")
struct MailRenderingTests {
    let renderer: MailRenderer

    init() throws {
        renderer = try MailRenderer()
    }

    private let postponed = MailContext(organisation: "Pacific Islands Network", title: "Twenty-ninth session of the CCPCJ",
                                        startsOn: "2027-05-12", endsOn: "2027-05-16", status: "postponed", reason: "<liquidity & safety>")

    @Test("every type sent to organisations has a subject, a lead and an action in each of the six languages")
    func complete() {
        #expect(renderer.missingTranslations() == [])
        for language in UNLanguage.allCases {
            for type in NotificationType.allCases where type.isOpenToStakeholders && type != .test {
                let mail = renderer.render(type, context: postponed, recipientName: "Mere", language: language, unsubscribeURL: "https://e.example/u")
                #expect(!mail.subject.isEmpty && !mail.subject.contains("{{"), "\(type) in \(language)")
                #expect(mail.text.split(separator: "\n").count >= 5 && !mail.text.contains("{{"), "\(type) in \(language)")
            }
        }
    }

    @Test("the recipient's language, dates written in it, values escaped in HTML only, right to left for Arabic")
    func languages() {
        let french = renderer.render(.eventPostponed, context: postponed, recipientName: "Mere", language: .fr, unsubscribeURL: "https://e.example/u?t=1&x=2")
        #expect(french.language == .fr && french.subject.contains("reporté"))
        #expect(french.text.contains("12 mai 2027") && french.text.contains("<liquidity & safety>"))
        #expect(french.html.contains("&lt;liquidity &amp; safety&gt;") && !french.html.contains("<liquidity"))
        #expect(french.html.contains(#"href="https://e.example/u?t=1&amp;x=2""#))
        let english = renderer.render(.eventPostponed, context: postponed, recipientName: "Mere", language: .en, unsubscribeURL: nil)
        #expect(english.subject == "Twenty-ninth session of the CCPCJ is postponed")
        #expect(english.text.contains("12 May 2027 – 16 May 2027") && english.text.contains("it cannot be turned off"))
        let moved = renderer.render(.eventRescheduled, context: MailContext(title: "CCPCJ", startsOn: "2027-06-01", endsOn: "2027-06-04",
                                                                              previousStartsOn: "2027-05-12", previousEndsOn: "2027-05-16"),
                                    recipientName: "Mere", language: .en, unsubscribeURL: nil)
        #expect(moved.text.contains("new dates: 1 June 2027 – 4 June 2027 (instead of 12 May 2027 – 16 May 2027)"))
        let undated = renderer.render(.eventPostponed, context: MailContext(title: "CCPCJ"), recipientName: "Mere", language: .en, unsubscribeURL: nil)
        #expect(undated.text.contains("New dates: dates not yet decided"))
        let arabic = renderer.render(.eventPostponed, context: postponed, recipientName: "Mere", language: .ar, unsubscribeURL: nil)
        #expect(arabic.html.contains(#"dir="rtl""#) && arabic.html.contains(#"lang="ar""#))
        let chinese = renderer.render(.enrolmentWaitlisted, context: MailContext(title: "SE4U", participant: "Li", position: 3), recipientName: "Li", language: .zh, unsubscribeURL: nil)
        #expect(chinese.text.contains("3"))
    }

    @Test("a move on the waiting list says both places and, by its direction, why")
    func waitlistMove() {
        var up = MailContext(title: "SE4U", participant: "Ana", position: 2)
        up.previousPosition = 3
        var down = up
        down.position = 4
        let frenchUp = renderer.render(.enrolmentWaitlistMoved, context: up, recipientName: "Ana", language: .fr, unsubscribeURL: nil)
        #expect(frenchUp.subject == "Votre place sur la liste d’attente de SE4U a changé")
        #expect(frenchUp.text.contains("position 2") && frenchUp.text.contains("auparavant : 3"))
        #expect(frenchUp.text.contains("a quitté la liste ou obtenu une place") && !frenchUp.text.contains("pays prioritaires"))
        let englishDown = renderer.render(.enrolmentWaitlistMoved, context: down, recipientName: "Ana", language: .en, unsubscribeURL: nil)
        #expect(englishDown.text.contains("position 4") && englishDown.text.contains("priority countries"))
    }

    @Test("MIME: multipart/alternative, UTF-8 base64 parts, RFC 2047 headers, no header injection")
    func mime() throws {
        let message = MIMEMessage(
            from: .init(name: "UNODC Civil Society Team", email: "cst@unodc.example"), replyTo: "reply@unodc.example",
            to: .init(name: "Ана Иванова\r\nBcc: x@evil.example", email: "ana@example.org"), subject: "Réunion reportée — 第二十九届会议",
            text: "Bonjour\n", html: "<p>Bonjour</p>", language: "fr", messageID: "mail_1.0@unodc.example", date: Date(timeIntervalSince1970: 0),
            headers: [("List-Unsubscribe", "<https://e.example/u>")])
        let text = String(decoding: message.bytes(boundary: "B"), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!head.contains("\r\nBcc:") && head.allSatisfy(\.isASCII))
        #expect(head.contains("Subject: =?UTF-8?B?") && head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(head.contains("From: \"UNODC Civil Society Team\" <cst@unodc.example>") && head.contains("Message-ID: <mail_1.0@unodc.example>"))
        #expect(head.contains(#"Content-Type: multipart/alternative; boundary="B""#))
        #expect(head.split(separator: "\r\n").allSatisfy { $0.count <= 998 })
        // Every encoded word decodes back to the subject
        let words = head.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        let decoded = words.flatMap { $0.split(separator: " ") }.filter { $0.hasPrefix("=?UTF-8?B?") }
            .map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }.joined()
        #expect(decoded == "Réunion reportée — 第二十九届会议")
        #expect(words.allSatisfy { $0.count <= 78 })
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nQm9uam91cgo=\r\n--B"))
        #expect(text.hasSuffix("--B--\r\n"))
    }

    @Test("SMTP replies: 2xx delivered, a refused mailbox bounces, other 5xx fail, 4xx and no answer retry until the schedule ends")
    func outcomes() throws {
        let schedule = try #require(RetrySchedule(parsing: "0s,1m"))
        let now = Date(timeIntervalSince1970: 1000)
        func outcome(_ code: Int?, _ error: String? = nil, step: MailResult.Step = .other, attempts: Int = 1) -> MailOutcome {
            MailWorker.outcome(of: MailResult(replyCode: code, error: error, step: step, duration: .zero), attemptsMade: attempts, schedule: schedule, now: now)
        }
        #expect(outcome(250) == .delivered)
        #expect(outcome(550, "RCPT failed: 550", step: .recipient) == .failed(bounced: true))
        #expect(outcome(552, "RCPT failed: 552", step: .recipient) == .failed(bounced: false))
        #expect(outcome(554, "rejected") == .failed(bounced: false))
        // The sender or the credentials refused: the configuration's fault, so it waits and tries again
        for retried in [outcome(421, "busy"), outcome(nil, "connection refused"), outcome(550, "MAIL failed: 550", step: .sender),
                        outcome(535, "Login denied", step: .login)] {
            guard case .retry(let at) = retried else { Issue.record("\(retried) is not a retry"); continue }
            // The schedule's second delay, with its jitter of up to a tenth
            #expect((60...66).contains(at.timeIntervalSince(now)))
        }
        #expect(outcome(nil, "connection refused", attempts: 2) == .failed(bounced: false))
    }

    @Test("ENGAGE_SMTP_URL: smtp and smtps with host and port; STARTTLS required on request; nothing else")
    func smtpURLs() {
        #expect(SMTPSettings.parse("smtp://127.0.0.1:2525")! == ("smtp://127.0.0.1:2525", false))
        #expect(SMTPSettings.parse("smtp://mail.example?starttls=required")! == ("smtp://mail.example", true))
        #expect(SMTPSettings.parse("smtps://mail.example:465")! == ("smtps://mail.example:465", true))
        #expect(SMTPSettings.parse("smtp://user:pw@mail.example") == nil)
        #expect(SMTPSettings.parse("http://mail.example") == nil)
        #expect(SMTPSettings.parse("smtp://mail.example?tls=yes") == nil)
    }
}
