import EngageCore
import EngageDomain
import Foundation
import Logging
import ServiceLifecycle

/// Sends the mail outbox through SMTP: started with the server when `ENGAGE_SMTP_URL` is set.
///
/// It claims due mails in batches (with a lease, so instances sharing a database never send the same
/// mail twice), renders each in its recipient's language, hands it to the transport, and records the
/// attempt and its SMTP reply. No address or message text is ever logged: only delivery IDs and codes.
public struct MailWorker: Service {
    public struct Settings: Sendable {
        /// The sender (`ENGAGE_MAIL_FROM`).
        public var from: String
        public var fromName: String
        public var replyTo: String?
        /// Where links in mails point (`ENGAGE_PUBLIC_URL`): the one-click unsubscribe endpoint lives there.
        public var publicURL: String
        public var schedule: RetrySchedule
        public var batch: Int
        /// Mails sent at once (each over its own reused SMTP connection).
        public var concurrency: Int
        /// Attempts recorded per transaction.
        public var recordEvery: Int
        public var pollInterval: Duration
        public var instanceID: String
        /// How long a claim holds: longer than a batch can take (`batch / concurrency` × the SMTP timeout),
        /// so no other instance takes a mail still being sent.
        public var claimLease: Duration
        /// Mails that waited longer than this (for a mail server) are expired rather than sent late.
        public var maxAge: Duration

        public init(
            from: String, fromName: String = "UNODC Civil Society Team", replyTo: String? = nil, publicURL: String,
            schedule: RetrySchedule = .standard, batch: Int = 25, concurrency: Int = 4, recordEvery: Int = 25, pollInterval: Duration = .milliseconds(250),
            instanceID: String = "engage", claimLease: Duration = .seconds(300), maxAge: Duration = .seconds(3 * 24 * 3600)
        ) {
            self.from = from
            self.fromName = fromName
            self.replyTo = replyTo
            self.publicURL = publicURL
            self.schedule = schedule
            self.batch = batch
            self.concurrency = concurrency
            self.recordEvery = recordEvery
            self.pollInterval = pollInterval
            self.instanceID = instanceID
            self.claimLease = claimLease
            self.maxAge = maxAge
        }
    }

    let store: any MailRepository
    let transport: any MailTransport
    let renderer: MailRenderer
    let serverSecret: Data
    let settings: Settings
    let logger: Logger

    public init(store: any MailRepository, transport: any MailTransport, renderer: MailRenderer, serverSecret: Data, settings: Settings, logger: Logger) {
        self.store = store
        self.transport = transport
        self.renderer = renderer
        self.serverSecret = serverSecret
        self.settings = settings
        self.logger = logger
    }

    // MARK: Service

    public func run() async throws {
        try await store.releaseClaims(owner: settings.instanceID)
        try await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        var lastExpiry = ContinuousClock.now - .seconds(3600)
        while !Task.isCancelled {
            if ContinuousClock.now - lastExpiry >= .seconds(3600) {
                lastExpiry = ContinuousClock.now
                await expireOld()
            }
            var claimed: [DueMail] = []
            do {
                claimed = try await store.claimDue(owner: settings.instanceID, now: Date(), limit: settings.batch, lease: settings.claimLease)
            } catch {
                if Task.isCancelled || error is CancellationError { return }
                logger.error("mail queue unavailable", metadata: ["error": "\(error)"])
            }
            if claimed.isEmpty {
                try? await Task.sleep(for: settings.pollInterval)
                continue
            }
            // Sent a chunk at a time, `concurrency` at once, and each chunk recorded in one transaction:
            // one commit per chunk, and at most one chunk sent again if the process dies before recording it.
            for start in stride(from: 0, to: claimed.count, by: settings.recordEvery) {
                if Task.isCancelled { return }
                let chunk = Array(claimed[start..<min(start + settings.recordEvery, claimed.count)])
                await record(await sendAll(chunk))
            }
        }
    }

    /// Sends each mail of `chunk`, `concurrency` at once; returns what to record.
    private func sendAll(_ chunk: [DueMail]) async -> [MailAttemptRecord] {
        await withTaskGroup(of: MailAttemptRecord.self) { group in
            var results: [MailAttemptRecord] = []
            var running = 0
            for mail in chunk {
                if running >= settings.concurrency, let done = await group.next() {
                    results.append(done)
                    running -= 1
                }
                group.addTask { await attempt(mail) }
                running += 1
            }
            for await done in group { results.append(done) }
            return results
        }
    }

    private func record(_ results: [MailAttemptRecord]) async {
        do {
            // Recorded even when shutdown has begun: the mails were sent, and a cancelled write would send them again.
            let store = self.store
            try await Task { try await store.record(results, now: Date()) }.value
        } catch {
            logger.error("could not record mail attempts", metadata: ["mails": "\(results.count)", "error": "\(error)"])
        }
        for result in results where result.outcome != .delivered {
            logger.notice("mail attempt failed", metadata: [
                "delivery": "\(result.mail.delivery.id)", "reply": "\(result.attempt.replyCode.map(String.init) ?? "-")",
                "error": "\(result.attempt.error ?? "-")",
            ])
        }
    }

    private func expireOld() async {
        do {
            let cutoff = Date().addingTimeInterval(-Double(settings.maxAge.components.seconds))
            let expired = try await store.expire(createdBefore: cutoff, now: Date())
            if expired > 0 { logger.notice("expired mails that waited too long", metadata: ["mails": "\(expired)"]) }
        } catch {
            if Task.isCancelled || error is CancellationError { return }
            logger.error("could not expire old mails", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Delivery

    /// One attempt and what it comes to (recorded by the caller, with the rest of its chunk).
    func attempt(_ mail: DueMail) async -> MailAttemptRecord {
        let started = Date()
        let message = compose(mail, now: started)
        let result = await transport.send(OutboundMail(from: settings.from, recipient: mail.delivery.recipientEmail, data: message))
        let outcome = Self.outcome(of: result, attemptsMade: mail.delivery.attemptCount + 1, schedule: settings.schedule, now: Date())
        let attempt = MailDelivery.Attempt(
            at: started,
            durationMilliseconds: result.duration.wholeMilliseconds,
            replyCode: result.replyCode, error: result.error)
        return MailAttemptRecord(mail: mail, attempt: attempt, outcome: outcome)
    }

    /// The message as SMTP's DATA: rendered, with the one-click unsubscribe headers unless it is a security message.
    func compose(_ mail: DueMail, now: Date) -> Data {
        let delivery = mail.delivery
        var unsubscribe: String?
        if !delivery.type.isSecurity, let stakeholder = delivery.stakeholderID {
            let token = UnsubscribeToken(stakeholderID: stakeholder, type: delivery.type, recipientKey: MailAddress.key(delivery.recipientEmail))
            unsubscribe = settings.publicURL + "/v1/unsubscribe?token=" + token.signed(with: serverSecret)
        }
        var links: [String: String] = [:]
        if let enrolment = mail.context.enrolmentID.flatMap(EnrolmentID.init(rawValue:)) {
            switch delivery.type {
            case .enrolmentAttended: links["certificate_url"] = EnrolmentSeal.url(.certificate, settings.publicURL, EnrolmentSeal(.certificate, serverSecret: serverSecret).seal(enrolment))
            // The form is the attendee's own: the organisation's contact is told, not given the link.
            case .feedbackRequested where delivery.role == .participant: links["feedback_url"] = EnrolmentSeal.url(.feedback, settings.publicURL, EnrolmentSeal(.feedback, serverSecret: serverSecret).seal(enrolment))
            default: break
            }
        }
        let rendered = renderer.render(
            delivery.type, context: mail.context, recipientName: delivery.recipientName, language: delivery.language, unsubscribeURL: unsubscribe,
            links: links)
        var headers: [(String, String)] = [("X-Engage-Notification", delivery.type.rawValue)]
        if let unsubscribe {
            headers += [("List-Unsubscribe", "<\(unsubscribe)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        }
        let domain = settings.from.split(separator: "@").last.map(String.init) ?? "engage.invalid"
        return MIMEMessage(
            from: .init(name: settings.fromName, email: settings.from), replyTo: settings.replyTo,
            to: .init(name: delivery.recipientName, email: delivery.recipientEmail), subject: rendered.subject, text: rendered.text,
            html: rendered.html, language: rendered.language.rawValue, messageID: "\(delivery.id.rawValue)@\(domain)",
            date: now, headers: headers
        ).bytes()
    }

    /// 2xx delivered; a recipient refused with 550, 551 or 553 bounces; another 5xx on the recipient or the
    /// message fails for good. Refused credentials or sender (a configuration fault, not the recipient's), 4xx,
    /// a timeout or a connection error follow the schedule until no attempt is left.
    public static func outcome(of result: MailResult, attemptsMade: Int, schedule: RetrySchedule, now: Date) -> MailOutcome {
        if result.accepted { return .delivered }
        if let code = result.replyCode, (500..<600).contains(code), result.step == .recipient || result.step == .other {
            return .failed(bounced: result.step == .recipient && [550, 551, 553].contains(code))
        }
        guard let delay = schedule.delay(after: attemptsMade) else { return .failed(bounced: false) }
        return .retry(at: now.addingTimeInterval(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18))
    }
}
