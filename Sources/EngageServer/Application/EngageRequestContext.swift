import EngageDomain
import Foundation
import Hummingbird
import NIOCore

/// The per-request context: who is calling, and the request's correlation ID.
public struct EngageRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware`.
    public var principal: Principal = .anonymous
    /// Set by `ObservabilityMiddleware`; echoed as `X-Request-Id`.
    public var requestID: String = ""
    /// The client address, for scoping anonymous callers.
    public let remoteAddress: SocketAddress?
    /// Set from the configuration by `ObservabilityMiddleware`.
    public var bodyLimit: Int = 64 * 1024
    /// How long a request body may take to arrive; set from the configuration by `ObservabilityMiddleware`.
    public var bodyTimeout: Duration = .seconds(30)
    /// Seals and opens page cursors; keyed by the server secret by `ObservabilityMiddleware`.
    public var cursorSeal = Self.unconfiguredSeal
    /// The seal until the middleware sets the configured one: derived once, not per request (its HMAC
    /// was 2.7 % of a read by ID).
    private static let unconfiguredSeal = CursorSeal(serverSecret: Data("unconfigured".utf8))

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }

    /// The request path as the router matches it: empty segments and a trailing slash removed
    /// (`//v1/stakeholders/` is `/v1/stakeholders`), so checks by path cannot be side-stepped.
    static func normalizedPath(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// A name for the caller that scopes idempotency keys and rate limits.
    public var callerScope: String {
        switch principal {
        case .anonymous: "anon:" + (remoteAddress?.ipAddress ?? "unknown")
        default: principal.actor
        }
    }
}
