import ArgumentParser
import EngageDomain
import EngageNotifications
import Foundation

/// E-mail settings from the environment: `ENGAGE_SMTP_URL` turns mail on; the rest say who sends and how.
enum MailOptions {
    /// The mail configuration, nil without `ENGAGE_SMTP_URL`; each bad value is a one-line error.
    static func resolve(_ env: [String: String], publicURL: String, instanceID: String) throws -> MailConfiguration? {
        guard let text = env["ENGAGE_SMTP_URL"], !text.isEmpty else { return nil }
        guard let (url, requireTLS) = SMTPSettings.parse(text) else {
            // Never repeat the value: a refused URL may carry a password.
            throw ValidationError("ENGAGE_SMTP_URL is not smtp://host[:port] (add ?starttls=required to insist on STARTTLS) or smtps://host[:port]; credentials go in ENGAGE_SMTP_USER and ENGAGE_SMTP_PASSWORD, not in the URL")
        }
        guard let from = env["ENGAGE_MAIL_FROM"], Formats.isEmail(from) else {
            throw ValidationError("ENGAGE_MAIL_FROM must be the sender's e-mail address when ENGAGE_SMTP_URL is set")
        }
        let replyTo = env["ENGAGE_MAIL_REPLY_TO"].flatMap { $0.isEmpty ? nil : $0 }
        if let replyTo, !Formats.isEmail(replyTo) { throw ValidationError("ENGAGE_MAIL_REPLY_TO '\(replyTo)' is not an e-mail address") }
        var password = env["ENGAGE_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if password == nil, let file = env["ENGAGE_SMTP_PASSWORD_FILE"], !file.isEmpty {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("ENGAGE_SMTP_PASSWORD_FILE '\(file)' cannot be read")
            }
            password = contents.trimmingCharacters(in: .newlines)
        }
        var worker = MailWorker.Settings(from: from, replyTo: replyTo, publicURL: publicURL, instanceID: instanceID)
        if let name = env["ENGAGE_MAIL_FROM_NAME"], !name.isEmpty { worker.fromName = name }
        if let schedule = env["ENGAGE_MAIL_RETRY_SCHEDULE"], !schedule.isEmpty {
            guard let parsed = RetrySchedule(parsing: schedule) else {
                throw ValidationError("ENGAGE_MAIL_RETRY_SCHEDULE '\(schedule)' is not a comma list of delays such as 0s,1m,10m,1h,6h")
            }
            worker.schedule = parsed
        }
        let smtp = SMTPSettings(
            url: url, username: env["ENGAGE_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }, password: password, requireTLS: requireTLS)
        return MailConfiguration(smtp: smtp, worker: worker)
    }

    /// Where links in mails point: `ENGAGE_PUBLIC_URL`, or this server's own address when that is one a
    /// reader can reach (not a wildcard such as 0.0.0.0, which mail with links must not carry).
    static func publicURL(_ env: [String: String], host: String, port: Int) throws -> String {
        guard let text = env["ENGAGE_PUBLIC_URL"], !text.isEmpty else {
            if ["0.0.0.0", "::", "[::]"].contains(host), env["ENGAGE_SMTP_URL"].map({ !$0.isEmpty }) ?? false {
                throw ValidationError("ENGAGE_PUBLIC_URL is required when ENGAGE_SMTP_URL is set and the server listens on \(host): mails link to it")
            }
            return "http://\(host):\(port)"
        }
        guard Formats.isWebURL(text), !text.contains("?"), !text.contains("#") else {
            throw ValidationError("ENGAGE_PUBLIC_URL '\(text)' is not an http or https URL such as https://engage.example.org")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
