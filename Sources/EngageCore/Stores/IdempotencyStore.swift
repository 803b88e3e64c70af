import Foundation

/// A response kept for replay under an `Idempotency-Key`.
public struct StoredResponse: Sendable, Equatable, Codable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What to do with a request that carries an `Idempotency-Key`.
public enum IdempotencyOutcome: Sendable, Equatable {
    /// First use of the key: run the request, then `complete` or `abandon`.
    case proceed
    /// The same request was already answered: send this again.
    case replay(StoredResponse)
    /// The key was used for a different request.
    case mismatch
    /// The same key is being processed right now.
    case inProgress
}

/// Remembers keyed requests and their responses, per caller, for at least `retention`.
public protocol IdempotencyStore: Sendable {
    /// Claims the key for this request, or tells how it was used before.
    func begin(caller: String, key: String, method: String, path: String, requestHash: String, now: Date) async throws -> IdempotencyOutcome
    /// Stores the response of a claimed key.
    func complete(caller: String, key: String, response: StoredResponse) async throws
    /// Releases a claimed key whose request failed, so a retry runs again.
    func abandon(caller: String, key: String) async throws
}
