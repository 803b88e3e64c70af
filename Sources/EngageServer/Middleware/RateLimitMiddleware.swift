import EngageCore
import EngageDomain
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Per-caller rate limits on `/v1`: API keys and stakeholder tokens by credential, anonymous callers
/// by client address, self-registration more tightly. Over the limit: a 429 problem with
/// `Retry-After`; every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = EngageRequestContext

    let limits: RateLimits
    let buckets: any RateLimitStore
    let logger: Logger

    init(limits: RateLimits, buckets: any RateLimitStore, logger: Logger) {
        self.limits = limits
        self.buckets = buckets
        self.logger = logger
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = EngageRequestContext.normalizedPath(request.uri.path)
        guard path.hasPrefix("/v1/"), let (scope, caller) = scope(of: request, path: path, context), let quota = limits.quotas[scope] else {
            return try await next(request, context)
        }
        let decision: TokenBucket.Decision
        do {
            decision = try await buckets.take("\(scope.rawValue):\(caller)", quota: quota)
        } catch {
            // The shared buckets are out of reach: serve rather than refuse everyone; the request itself will tell.
            logger.warning("rate limit buckets unavailable", metadata: ["error": "\(error)"])
            decision = TokenBucket.Decision(allowed: true, remaining: quota.limit, reset: 0)
        }
        var response: Response
        if decision.allowed {
            do {
                response = try await next(request, context)
            } catch {
                guard let problem = Problem.from(error) else { throw error }
                response = problem.response(requestID: context.requestID, instance: request.uri.path)
            }
        } else {
            var problem = Problem(type: .rateLimited, title: "Too many requests", status: 429,
                                  detail: "the \(scope.rawValue) limit of \(quota.limit) requests per \(quota.window) s is used up; retry after \(decision.reset) s")
            problem.retryAfter = decision.reset
            response = problem.response(requestID: context.requestID, instance: request.uri.path)
        }
        response.headers[HTTPField.Name("RateLimit-Limit")!] = String(quota.limit)
        response.headers[HTTPField.Name("RateLimit-Remaining")!] = String(decision.remaining)
        response.headers[HTTPField.Name("RateLimit-Reset")!] = String(decision.reset)
        response.headers[HTTPField.Name("RateLimit-Policy")!] = "\(quota.limit);w=\(quota.window)"
        return response
    }

    /// Which budget a request spends, and whose.
    /// Self-registration spends the registration budget of the client's address whoever calls, a
    /// stakeholder's token included (any token must not buy a larger quota); only API keys are exempt.
    private func scope(of request: Request, path: String, _ context: Context) -> (RateLimits.Scope, String)? {
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        switch context.principal {
        case .apiKey(let id, _): return (.key, id.rawValue)
        case _ where request.method == .post && path == "/v1/stakeholders": return (.registration, address)
        case .stakeholder(let id): return (.stakeholder, id.rawValue)
        case .anonymous: return (.anonymous, address)
        }
    }
}
