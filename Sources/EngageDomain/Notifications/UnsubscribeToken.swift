import Crypto
import Foundation

/// The signed, login-free link of a mail's `List-Unsubscribe` header (RFC 8058): it names one
/// organisation, one notification type and (as a hash, so no address is in the URL) one recipient.
public struct UnsubscribeToken: Sendable, Equatable {
    public var stakeholderID: StakeholderID
    public var type: NotificationType
    /// `MailAddress.key` of the recipient.
    public var recipientKey: String

    public init(stakeholderID: StakeholderID, type: NotificationType, recipientKey: String) {
        self.stakeholderID = stakeholderID
        self.type = type
        self.recipientKey = recipientKey
    }

    /// `v1.<payload>.<mac>`, both base64url: the token to put in a link.
    public func signed(with serverSecret: Data) -> String {
        let payload = Data("\(stakeholderID.rawValue)|\(type.rawValue)|\(recipientKey)".utf8).base64URLEncoded
        return "v1.\(payload).\(Self.mac(payload, serverSecret))"
    }

    /// The token a link carries, when its signature holds; nil for anything else.
    public init?(verifying token: String, serverSecret: Data) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "v1", parts[1].count < 400 else { return nil }
        let expected = Self.mac(parts[1], serverSecret)
        // Compared in constant time: the MAC is the secret part.
        guard expected.utf8.count == parts[2].utf8.count,
              zip(expected.utf8, parts[2].utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0,
              let data = Data(base64URLEncoded: String(parts[1])), let text = String(data: data, encoding: .utf8) else { return nil }
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3, let stakeholder = StakeholderID(rawValue: fields[0]), let type = NotificationType(rawValue: fields[1]),
              fields[2].count == 64 else { return nil }
        self.init(stakeholderID: stakeholder, type: type, recipientKey: fields[2])
    }

    // MARK: Encoding

    private static func mac(_ payload: String, _ serverSecret: Data) -> String {
        let key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("engage-unsubscribe".utf8), using: SymmetricKey(data: serverSecret))))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)).base64URLEncoded
    }
}
