import Crypto
import Foundation

/// Encrypts stored idempotent responses with a key only the client holds.
///
/// A replayable response may carry a one-time secret (an access token, an API key). The store
/// keeps the response sealed with AES-GCM under a key derived from the client's raw
/// `Idempotency-Key`, which itself is stored only as a hash: a copy of the database alone
/// reveals no secret.
public enum ResponseSeal {
    /// Seals `plaintext` for the holder of `idempotencyKey`; `context` binds it to one request.
    public static func seal(_ plaintext: Data, idempotencyKey: String, context: String) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key(idempotencyKey, context)).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    /// Opens what `seal` produced; throws when the key or context differ or the data was altered.
    public static func open(_ sealed: Data, idempotencyKey: String, context: String) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key(idempotencyKey, context))
    }

    private static func key(_ idempotencyKey: String, _ context: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data("engage-idempotency\n\(idempotencyKey)\n\(context)".utf8)))
    }
}
