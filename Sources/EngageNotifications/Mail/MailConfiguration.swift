import Foundation

/// Everything e-mail needs: the SMTP server and how the worker sends. Absent, no mail is sent.
public struct MailConfiguration: Sendable {
    public var smtp: SMTPSettings
    public var worker: MailWorker.Settings

    public init(smtp: SMTPSettings, worker: MailWorker.Settings) {
        self.smtp = smtp
        self.worker = worker
    }
}
