import Crypto
import Foundation

/// Bearer secrets (API keys, stakeholder access tokens): generated here, stored only as hashes.
///
/// The secrets carry 256 random bits, so a single SHA-256 is a sufficient one-way hash:
/// there is nothing for a slow password hash to protect against.
public enum Secret {
    /// Prefix of admin/staff/reader API keys.
    public static let apiKeyPrefix = "ek_"
    /// Prefix of stakeholder access tokens.
    public static let accessTokenPrefix = "est_"

    /// A new secret: `prefix` followed by 32 random bytes in base64url without padding.
    public static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64URLEncoded
    }

    /// The hex SHA-256 of a secret: what the database stores and looks up.
    public static func hash(_ secret: String) -> String {
        sha256Hex(Data(secret.utf8))
    }

    /// A short, non-secret hint shown in listings (`ek_AbC…`).
    public static func hint(_ secret: String) -> String {
        String(secret.prefix(7)) + "…"
    }
}

extension Secret {
    /// The hex SHA-256 of arbitrary bytes (request fingerprints for idempotency).
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Bytes as lower-case hex, two digits each.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
