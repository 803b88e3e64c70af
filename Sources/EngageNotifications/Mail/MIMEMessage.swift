import Foundation

/// An e-mail as RFC 5322 bytes: `multipart/alternative` (plain text, then HTML), UTF-8, base64
/// bodies, RFC 2047 encoded words for non-ASCII headers, CRLF line ends.
public struct MIMEMessage: Sendable {
    public struct Address: Sendable {
        public var name: String?
        public var email: String
        public init(name: String? = nil, email: String) {
            self.name = name
            self.email = email
        }
    }

    public var from: Address
    public var replyTo: String?
    public var to: Address
    public var subject: String
    public var text: String
    public var html: String
    public var language: String
    public var messageID: String
    public var date: Date
    /// Further headers (`List-Unsubscribe` and the like), in order.
    public var headers: [(String, String)]

    public init(
        from: Address, replyTo: String?, to: Address, subject: String, text: String, html: String, language: String, messageID: String,
        date: Date, headers: [(String, String)] = []
    ) {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.language = language
        self.messageID = messageID
        self.date = date
        self.headers = headers
    }

    // MARK: Writing

    /// The message, ready for SMTP's DATA.
    public func bytes(boundary: String = "=_engage_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")) -> Data {
        var lines: [String] = [
            "From: " + Self.address(from),
            "To: " + Self.address(to),
        ]
        if let replyTo { lines.append("Reply-To: " + Self.clean(replyTo)) }
        lines += [
            "Subject: " + Self.encodedWords(subject),
            "Date: " + Self.date(date),
            "Message-ID: <\(Self.clean(messageID))>",
            "Content-Language: " + Self.clean(language),
            "MIME-Version: 1.0",
        ]
        for (name, value) in headers { lines.append("\(Self.clean(name)): \(Self.clean(value))") }
        lines += [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(html),
            "--\(boundary)--",
            "",
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    // MARK: Header encoding

    /// `Name <address>`, the name quoted, or encoded when it is not plain ASCII.
    static func address(_ address: Address) -> String {
        let email = clean(address.email)
        guard let name = address.name.map(clean), !name.isEmpty else { return "<\(email)>" }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(email)>"
        }
        return "\(encodedWords(name)) <\(email)>"
    }

    /// The text as is when it is printable ASCII, else as RFC 2047 `=?UTF-8?B?…?=` words of at most
    /// 68 characters (so even the first, after `Subject: `, keeps its line under 78), folded onto
    /// continuation lines, never splitting a character between words.
    static func encodedWords(_ text: String) -> String {
        let value = clean(text)
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && value.count <= 900 { return value }
        var words: [String] = []
        var chunk = Data()
        for character in value {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 42 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 5322 date-time in UTC: `Tue, 01 Dec 2026 04:05:06 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ text: String) -> String {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// No line breaks or other control characters in a header: nothing can be injected.
    static func clean(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }
}
