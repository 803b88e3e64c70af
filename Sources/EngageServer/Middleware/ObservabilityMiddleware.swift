import EngageCore
import EngageDomain
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: request IDs, one structured log line per request, metrics,
/// the caller's identity, and the single place where errors become problem responses
/// (unexpected ones logged once).
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    let metrics: HTTPMetrics
    let authenticator: Authenticator
    let bodyLimit: Int
    var bodyTimeout: Duration = .seconds(30)
    /// Page cursors, keyed by the server secret so every instance of a deployment opens the others'.
    var cursorSeal = CursorSeal(serverSecret: Data("unconfigured".utf8))
    /// Failed authentications per client address: past the quota, credentials from it are not even checked.
    var failedAuthentication: (quota: RateLimits.Quota, buckets: any RateLimitStore)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = Self.requestID(from: request)
        context.bodyLimit = bodyLimit
        context.bodyTimeout = bodyTimeout
        context.cursorSeal = cursorSeal
        let started = ContinuousClock.now
        var response: Response
        do {
            // System endpoints (health, metrics, contract) are public and ignore credentials.
            // A declared length over the limit is refused before a byte of the body is read.
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > bodyLimit {
                throw Problem(type: .payloadTooLarge, title: "Request body too large", status: 413,
                              detail: "the request body declares \(declared) bytes; the limit is \(bodyLimit)")
            }
            if EngageRequestContext.normalizedPath(request.uri.path).hasPrefix("/v1/") {
                context.principal = try await authenticate(request, context)
            }
            response = try await next(request, context)
        } catch {
            if let problem = Problem.from(error) {
                response = problem.response(requestID: context.requestID, instance: request.uri.path)
            } else {
                context.logger.error("unhandled error", metadata: [
                    "request_id": .string(context.requestID), "error": .string(String(reflecting: error)),
                ])
                response = Problem.internalError.response(requestID: context.requestID, instance: request.uri.path)
            }
        }
        response.headers[.init("X-Request-Id")!] = context.requestID
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: Int(response.status.code), duration: elapsed)
        context.logger.info("request", metadata: [
            "request_id": .string(context.requestID),
            "method": .string(request.method.rawValue),
            "path": .string(Self.loggable(request.uri.path)),
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(Self.milliseconds(elapsed)),
            "caller": .string(context.principal.actor),
        ])
        return response
    }

    /// A duration in milliseconds with two decimals, rounded (`12.35`); `String(format:)` on every
    /// request cost a visible share of the ceiling.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let hundredths = seconds * 100_000 + (attoseconds + 5_000_000_000_000) / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// The path as the log keeps it: a certificate's code and a feedback form's token are keys (the
    /// token opens the attendee's answer), so they are left out.
    static func loggable(_ path: String) -> String {
        for (prefix, name) in [("/v1/feedback/", "{token}"), ("/v1/certificates/", "{code}")] where path.hasPrefix(prefix) {
            return prefix + name
        }
        return path
    }

    /// The caller. Wrong credentials count against the client's address; once it has spent its quota of
    /// failures, its credentialed requests get a 429 without a look at the credential, until it refills.
    private func authenticate(_ request: Request, _ context: Context) async throws -> Principal {
        guard let guardrail = failedAuthentication, request.headers[.authorization] != nil else {
            return try await authenticator.principal(for: request)
        }
        let key = "\(RateLimits.Scope.failedAuthentication.rawValue):\(context.remoteAddress?.ipAddress ?? "unknown")"
        // The buckets out of reach (a database hiccup): check the credential as usual rather than refuse everyone.
        if let state = try? await guardrail.buckets.peek(key, quota: guardrail.quota), !state.allowed {
            throw Self.tooManyFailures(guardrail.quota, retryAfter: state.reset)
        }
        do {
            return try await authenticator.principal(for: request)
        } catch let problem as Problem where problem.status == 401 {
            if let decision = try? await guardrail.buckets.take(key, quota: guardrail.quota), !decision.allowed {
                throw Self.tooManyFailures(guardrail.quota, retryAfter: decision.reset)
            }
            throw problem
        }
    }

    private static func tooManyFailures(_ quota: RateLimits.Quota, retryAfter: Int) -> Problem {
        var problem = Problem(type: .rateLimited, title: "Too many requests", status: 429,
                              detail: "too many requests with wrong credentials from this address (\(quota.limit) per \(quota.window) s); retry after \(retryAfter) s")
        problem.retryAfter = retryAfter
        return problem
    }

    /// The client's `X-Request-Id` when it is sane, otherwise a new one.
    private static func requestID(from request: Request) -> String {
        if let given = request.headers[.init("X-Request-Id")!], (1...128).contains(given.count),
           given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) {
            return given
        }
        return RequestIDs.next()
    }
}
