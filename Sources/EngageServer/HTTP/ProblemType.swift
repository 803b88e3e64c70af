/// Every kind of problem the server sends: its `type` is `urn:engage:problem:<name>`, and
/// `GET /problems/<name>` describes it. A new case is documented in openapi.yaml (`Problem.type`) and served
/// by `ProblemController` at once; the contract test compares the two lists.
public enum ProblemType: String, Sendable, CaseIterable {
    case badRequest = "bad-request"
    case invalidQuery = "invalid-query"
    case unauthorized
    case forbidden
    case notFound = "not-found"
    case methodNotAllowed = "method-not-allowed"
    case requestTimeout = "request-timeout"
    case conflict
    case duplicate
    case idempotencyKeyInProgress = "idempotency-key-in-progress"
    case idempotencyReplayUnavailable = "idempotency-replay-unavailable"
    case preconditionFailed = "precondition-failed"
    case payloadTooLarge = "payload-too-large"
    case unsupportedMediaType = "unsupported-media-type"
    case validation
    case idempotencyKeyReused = "idempotency-key-reused"
    case rateLimited = "rate-limited"
    case http
    case internalError = "internal"
    case notReady = "not-ready"

    /// The problem's `type` URI.
    public var uri: String { "urn:engage:problem:" + rawValue }

    // MARK: Catalogue

    /// The status a problem of this type is sent with (`http`: whichever the refusal has).
    public var status: Int? {
        switch self {
        case .badRequest, .invalidQuery: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .requestTimeout: 408
        case .conflict, .duplicate, .idempotencyKeyInProgress, .idempotencyReplayUnavailable: 409
        case .preconditionFailed: 412
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .validation, .idempotencyKeyReused: 422
        case .rateLimited: 429
        case .http: nil
        case .internalError: 500
        case .notReady: 503
        }
    }

    /// What the problem means and what a client does about it.
    public var meaning: String {
        switch self {
        case .badRequest: "The request cannot be read (malformed JSON, a duplicate key, a body where none is taken). Fix the request; repeating it will not help."
        case .invalidQuery: "A query parameter is unknown, given twice, or has a bad value (a cursor from another list included); `errors` names each."
        case .unauthorized: "No credentials, or credentials the server does not know (revoked or expired). Send `Authorization: Bearer <key or token>`."
        case .forbidden: "The credentials are valid but may not do this (a reader key writing, an organisation acting for another)."
        case .notFound: "No such resource, or none the caller may see."
        case .methodNotAllowed: "The path exists but not with this method; `Allow` lists the methods it takes."
        case .requestTimeout: "The request body did not arrive in time. Retry."
        case .conflict: "The resource's state does not allow this now (an approved record withdrawn, a closed window); the detail says which rule."
        case .duplicate: "The record may exist only once and already does; `existing` is its path."
        case .idempotencyKeyInProgress: "A request with this Idempotency-Key is still being handled. Retry after it finishes."
        case .idempotencyReplayUnavailable: "The first request with this Idempotency-Key failed without a stored answer; retry with a new key."
        case .preconditionFailed: "`If-Match` does not name the current version: fetch the resource again, then retry on the new version."
        case .payloadTooLarge: "The request body exceeds the limit."
        case .unsupportedMediaType: "The body's `Content-Type` is not one the operation takes (JSON, or merge-patch for PATCH)."
        case .validation: "One or more fields are invalid; `errors` names every one, each with a `code` and a message. Nothing was changed."
        case .idempotencyKeyReused: "The Idempotency-Key was used before with another request body."
        case .rateLimited: "Too many requests for the caller's budget; `Retry-After` and the `RateLimit-*` headers say when to try again."
        case .http: "Another refusal at the HTTP level; the status and title say which."
        case .internalError: "The server failed; nothing is known to be changed. Quote `request_id` when reporting it."
        case .notReady: "The instance cannot reach its database; another instance, or a later retry, may serve."
        }
    }
}
