import Crypto
import Foundation

/// Standard Webhooks signing secrets and signatures.
///
/// A secret is `whsec_` + base64 of 32 random bytes. A signature is `v1,` + base64 of
/// HMAC-SHA256 over `{id}.{timestamp}.{body}`, keyed with the base64-decoded secret.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    /// A new secret.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
    }

    /// The `v1,…` signature of one delivery attempt; nil when the secret is not one of ours.
    public static func signature(secret: String, messageID: String, timestamp: Int, body: Data) -> String? {
        guard secret.hasPrefix(prefix), let key = Data(base64Encoded: String(secret.dropFirst(prefix.count))) else { return nil }
        var signed = Data("\(messageID).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}
