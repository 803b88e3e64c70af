import Foundation

/// Hands one message to an SMTP server. Behind a protocol so the worker's tests can swap it.
public protocol MailTransport: Sendable {
    /// Sends `message`; failures are reported in the result, not thrown.
    func send(_ message: OutboundMail) async -> MailResult
}

/// One message for one recipient, already rendered as RFC 5322 bytes.
public struct OutboundMail: Sendable {
    /// The envelope sender (MAIL FROM).
    public var from: String
    /// The envelope recipient (RCPT TO).
    public var recipient: String
    /// Headers and body, CRLF line ends.
    public var data: Data

    public init(from: String, recipient: String, data: Data) {
        self.from = from
        self.recipient = recipient
        self.data = data
    }
}

/// What the SMTP server said.
public struct MailResult: Sendable {
    /// Which step of the exchange failed.
    public enum Step: Sendable {
        /// The server refused the recipient (RCPT TO): only then does a 5xx say the mailbox is bad.
        case recipient
        /// The server refused the sender (MAIL FROM): the sender's configuration, not the recipient.
        case sender
        /// The credentials were refused: a configuration fault.
        case login
        /// Anything else: connecting, TLS, the message itself.
        case other
    }

    /// The server's last reply code, when it answered (250 accepted; 4xx try later; 5xx refused).
    public var replyCode: Int?
    /// What went wrong, when something did (libcurl's words: no address, no message text).
    public var error: String?
    public var step: Step
    public var duration: Duration

    public init(replyCode: Int?, error: String? = nil, step: Step = .other, duration: Duration) {
        self.replyCode = replyCode
        self.error = error
        self.step = step
        self.duration = duration
    }

    /// The server took the message.
    public var accepted: Bool { error == nil && (replyCode.map { (200..<300).contains($0) } ?? false) }
}

/// Where and how to reach the SMTP server (`ENGAGE_SMTP_URL` and friends).
public struct SMTPSettings: Sendable {
    /// `smtp://host:port` (STARTTLS when `requireTLS`), or `smtps://host:port` (TLS from the first byte).
    public var url: String
    public var username: String?
    public var password: String?
    /// Refuse to send unless the connection is encrypted (STARTTLS on smtp://; always so on smtps://).
    public var requireTLS: Bool
    public var timeout: Duration
    public var connectTimeout: Duration

    public init(url: String, username: String? = nil, password: String? = nil, requireTLS: Bool = false,
                timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10)) {
        self.url = url
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// Reads `smtp://host[:port][?starttls=required]` or `smtps://host[:port]`; nil for anything else.
    public static func parse(_ text: String) -> (url: String, requireTLS: Bool)? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
              components.path.isEmpty || components.path == "/" else { return nil }
        var requireTLS = scheme == "smtps"
        for item in components.queryItems ?? [] {
            guard item.name == "starttls", let value = item.value, ["required", "opportunistic"].contains(value) else { return nil }
            requireTLS = requireTLS || value == "required"
        }
        var plain = URLComponents()
        plain.scheme = scheme
        plain.host = host
        plain.port = components.port
        return plain.string.map { ($0, requireTLS) }
    }
}
