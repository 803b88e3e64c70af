import HTTPTypes
import Hummingbird
import NIOCore

/// Serves anonymous reads of the public directory (`/v1/stakeholders`, `/v1/stakeholders/{id}`) and of
/// the events (`/v1/events`, `/v1/events/{id}`, `/v1/events.ics`, `/v1/events/{id}/calendar.ics`) from
/// `ResponseCache` while no write has committed since the answer was made. These answers depend on
/// the stored data, the URL and the negotiated headers alone: no clock, no caller.
///
/// It sits inside the rate limiter (a kept answer still counts against the caller's limit) and inside
/// `CachingHeadersMiddleware`, which turns a kept 200 into a 304 when `If-None-Match` names its tag:
/// a revalidation then touches no database. Only 200s without their own `Cache-Control` are kept, and
/// only for callers without credentials, whose answers are the same for everyone. Requests that miss
/// one answer together share the one request that makes it (`AnswerFlights`).
struct ResponseCacheMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    let cache: ResponseCache
    /// Misses of one answer at one version share the request that makes it.
    let flights = AnswerFlights()
    let metrics: HTTPMetrics
    /// The store's count of committed writes; nil when the store cannot tell without asking the database.
    let version: @Sendable () -> UInt64?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, context.principal == .anonymous, Self.isKept(request.uri.path), let version = version() else {
            return try await next(request, context)
        }
        let key = ResponseCache.Key(uri: request.uri.description, accept: request.headers[.accept], acceptLanguage: request.headers[.acceptLanguage])
        // Keys are made of what the caller sends: long ones are answered but not kept, so nobody fills the memory with keys.
        guard key.bytes <= 1024 else { return try await next(request, context) }
        if let kept = cache.lookup(key, version: version) {
            return hit(kept)
        }
        switch await flights.join(key, version: version) {
        case .made(let entry):
            return hit(entry)
        case .alone:
            metrics.recordCache(hit: false)
            return try await make(key, version: version, request: request, context: context, next: next).response
        case .lead:
            // The request that led before this one may have kept the answer between the lookup and the join.
            if let kept = cache.lookup(key, version: version) {
                flights.land(key, version: version, with: kept)
                return hit(kept)
            }
            metrics.recordCache(hit: false)
            var kept: ResponseCache.Entry?
            defer { flights.land(key, version: version, with: kept) }
            let made = try await make(key, version: version, request: request, context: context, next: next)
            kept = made.kept
            return made.response
        }
    }

    private func hit(_ kept: ResponseCache.Entry) -> Response {
        metrics.recordCache(hit: true)
        return Response(status: .ok, headers: kept.headers, body: .init(byteBuffer: kept.body))
    }

    /// Answers the request and keeps the answer if it may be kept: a 200 without its own `Cache-Control`.
    private func make(
        _ key: ResponseCache.Key, version: UInt64, request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> (response: Response, kept: ResponseCache.Entry?) {
        let response = try await next(request, context)
        guard response.status == .ok, response.headers[.cacheControl] == nil else { return (response, nil) }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let entry = ResponseCache.Entry(headers: response.headers, body: collector.box.buffer)
        cache.store(entry, for: key, version: version)
        return (Response(status: response.status, headers: response.headers, body: .init(byteBuffer: entry.body)), entry)
    }

    /// Whether `path` is one of the reads answers are kept for.
    static func isKept(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3, segments.count <= 5, segments[0].isEmpty, segments[1] == "v1" else { return false }
        let collection = segments[2]
        switch segments.count {
        case 3: return collection == "stakeholders" || collection == "events" || collection == "events.ics"
        case 4: return (collection == "stakeholders" || collection == "events") && !segments[3].isEmpty
        default: return collection == "events" && !segments[3].isEmpty && segments[4] == "calendar.ics"
        }
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
