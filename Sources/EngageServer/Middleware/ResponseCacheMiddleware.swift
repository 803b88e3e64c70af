import HTTPTypes
import Hummingbird
import NIOCore

/// Serves anonymous reads of the public directory (`/v1/stakeholders` and `/v1/stakeholders/{id}`)
/// from `ResponseCache` while no write has committed since the answer was made.
///
/// It sits inside the rate limiter (a kept answer still counts against the caller's limit) and inside
/// `CachingHeadersMiddleware`, which turns a kept 200 into a 304 when `If-None-Match` names its tag:
/// a revalidation then touches no database. Only 200s without their own `Cache-Control` are kept, and
/// only for callers without credentials, whose answers are the same for everyone.
struct ResponseCacheMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    let cache: ResponseCache
    let metrics: HTTPMetrics
    /// The store's count of committed writes; nil when the store cannot tell without asking the database.
    let version: @Sendable () -> UInt64?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, context.principal == .anonymous, Self.isDirectory(request.uri.path), let version = version() else {
            return try await next(request, context)
        }
        let key = ResponseCache.Key(uri: request.uri.description, accept: request.headers[.accept], acceptLanguage: request.headers[.acceptLanguage])
        // Keys are made of what the caller sends: long ones are answered but not kept, so nobody fills the memory with keys.
        guard key.bytes <= 1024 else { return try await next(request, context) }
        if let kept = cache.lookup(key, version: version) {
            metrics.recordCache(hit: true)
            return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body))
        }
        metrics.recordCache(hit: false)
        let response = try await next(request, context)
        guard response.status == .ok, response.headers[.cacheControl] == nil else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let body = collector.box.buffer
        cache.store(.init(headers: response.headers, body: body), for: key, version: version)
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: body))
    }

    /// `/v1/stakeholders` or `/v1/stakeholders/{id}`: the public directory's pages and profiles.
    static func isDirectory(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return segments.count >= 3 && segments.count <= 4 && segments[0].isEmpty && segments[1] == "v1" && segments[2] == "stakeholders"
            && (segments.count == 3 || !segments[3].isEmpty)
    }
}

/// Collects a response body's buffers (a handler's body is one buffer; a stream would be several).
private struct BodyCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    let box = Box()

    mutating func write(_ buffer: ByteBuffer) async throws {
        if box.buffer.readableBytes == 0 {
            box.buffer = buffer  // the usual single buffer: kept as it is, not copied
        } else {
            var buffer = buffer
            box.buffer.writeBuffer(&buffer)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
