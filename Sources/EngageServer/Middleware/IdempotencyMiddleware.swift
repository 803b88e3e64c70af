import EngageDomain
import EngageCore
import Foundation
import HTTPTypes
import Hummingbird

/// `Idempotency-Key` on POST: a retry with the same key and body gets the stored response and
/// creates nothing; the same key with another body is a 422; a concurrent duplicate is a 409.
/// Only successful responses are stored.
/// Keys are scoped to the caller and kept 24 hours; stored responses are sealed (`ResponseSeal`).
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    /// Response headers worth replaying.
    private static let keptHeaders: [HTTPField.Name] = [.contentType, .location, .eTag, .cacheControl]

    let store: any IdempotencyStore
    let seal: ResponseSeal
    /// The POST paths open to anonymous callers. An anonymous POST anywhere else can only be
    /// refused (401), so it bypasses the key store and gets that answer.
    let publicPostPaths: Set<String>
    let clock: TimeSource

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let rawKey = request.headers[Self.header],
              context.principal != .anonymous || publicPostPaths.contains(EngageRequestContext.normalizedPath(request.uri.path)) else {
            return try await next(request, context)
        }
        guard (1...255).contains(rawKey.count), rawKey.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw Problem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters")
        }
        var request = request
        let body = try await RequestBody.collect(request, context: context)
        request.body = .init(buffer: body)
        let fingerprint = Self.fingerprint(Data(body.readableBytesView))
        let caller = context.callerScope
        // Only a hash of the client's key is stored; the raw key seals the stored response.
        let key = Secret.hash(rawKey)

        switch try await store.begin(caller: caller, key: key, method: "POST", path: request.uri.path, requestHash: fingerprint, now: clock.now()) {
        case .replay(let stored):
            var headers = HTTPFields()
            for (name, value) in stored.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
            headers[Self.replayedHeader] = "true"
            guard let body = try? seal.open(stored.body, idempotencyKey: rawKey, context: fingerprint) else {
                // The server secret changed (a database restored elsewhere): the answer exists but cannot be shown.
                throw Problem(type: .idempotencyReplayUnavailable, title: "Replay unavailable", status: 409,
                              detail: "this request was already processed, but its stored response can no longer be replayed")
            }
            return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case .mismatch:
            throw Problem(type: .idempotencyKeyReused, title: "Idempotency key reused", status: 422,
                          detail: "this Idempotency-Key was already used for a different request")
        case .inProgress:
            throw Problem(type: .idempotencyKeyInProgress, title: "Request in progress", status: 409,
                          detail: "a request with this Idempotency-Key is still being processed; retry later")
        case .proceed:
            break
        }

        // Only successes are remembered: a request that failed (bad input, wrong credentials, a
        // conflict, a server error) created nothing, and may be retried, corrected, under the same key.
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try? await store.abandon(caller: caller, key: key)
            throw error
        }
        guard response.status.code < 400 else {
            try? await store.abandon(caller: caller, key: key)
            return response
        }
        let collector = BodyCollector()
        try await response.body.write(collector)
        var headers: [String: String] = [:]
        for name in Self.keptHeaders { if let value = response.headers[name] { headers[name.canonicalName] = value } }
        let sealed = try seal.seal(Data(collector.buffer.readableBytesView), idempotencyKey: rawKey, context: fingerprint)
        try await store.complete(caller: caller, key: key, response: StoredResponse(
            status: Int(response.status.code), headers: headers, body: sealed))
        var replayable = response
        replayable.body = .init(byteBuffer: collector.buffer)
        return replayable
    }
}

extension IdempotencyMiddleware {
    /// The hash that decides whether two requests are "the same": of the canonical JSON
    /// (keys sorted, insignificant white space dropped) when the body is JSON, else of the bytes.
    static func fingerprint(_ body: Data) -> String {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: body) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let canonical = try? encoder.encode(value) { return Secret.sha256Hex(canonical) }
        }
        return Secret.sha256Hex(body)
    }
}

/// A response body writer that keeps what is written, so a response can be stored and sent.
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
