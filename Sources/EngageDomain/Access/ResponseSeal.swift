import Crypto
import Foundation

/// Encrypts stored idempotent responses.
///
/// A replayable response may carry a one-time secret (an access token, an API key). The store
/// keeps it sealed with AES-GCM under a key derived, with HMAC-SHA256, from a server secret kept
/// outside the database and from the client's raw `Idempotency-Key` (itself stored only as a
/// hash). A copy of the database alone reveals no secret, even when the client's keys are guessable.
public struct ResponseSeal: Sendable {
    private let serverSecret: SymmetricKey

    /// A seal keyed by the server secret (at least 32 random bytes).
    public init(serverSecret: Data) {
        self.serverSecret = SymmetricKey(data: serverSecret)
    }

    /// Seals `plaintext` for the holder of `idempotencyKey`; `context` binds it to one request.
    public func seal(_ plaintext: Data, idempotencyKey: String, context: String) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key(idempotencyKey, context)).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    /// Opens what `seal` produced; throws when a key or the context differ or the data was altered.
    public func open(_ sealed: Data, idempotencyKey: String, context: String) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key(idempotencyKey, context))
    }

    private func key(_ idempotencyKey: String, _ context: String) -> SymmetricKey {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("engage-idempotency\n\(idempotencyKey)\n\(context)".utf8), using: serverSecret)
        return SymmetricKey(data: Data(mac))
    }

    /// 32 random bytes, for a new server secret.
    public static func newServerSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

// MARK: Webhook signing secrets

extension ResponseSeal {
    /// Seals an endpoint's signing secret for storage (it must be recovered to sign, so it cannot be hashed).
    public func seal(signingSecret: String, endpoint: WebhookEndpointID) throws -> Data {
        try seal(Data(signingSecret.utf8), idempotencyKey: "webhook-signing-secret", context: endpoint.rawValue)
    }

    /// A sealed secret this server's secret cannot open (it was sealed under another, or altered).
    public struct Unopenable: Error, Sendable {}

    /// Opens a sealed signing secret.
    public func openSigningSecret(_ sealed: Data, endpoint: WebhookEndpointID) throws(Unopenable) -> String {
        do {
            return String(decoding: try open(sealed, idempotencyKey: "webhook-signing-secret", context: endpoint.rawValue), as: UTF8.self)
        } catch {
            throw Unopenable()
        }
    }
}
