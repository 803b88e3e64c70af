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
    /// The connection's event loop: it times the request body (`BodyDeadline`).
    public let eventLoop: any EventLoop
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
        eventLoop = source.channel.eventLoop
    }

    public var maxUploadSize: Int { bodyLimit }

    /// The request path as the router matches it: empty segments and a trailing slash removed
    /// (`//v1/stakeholders/` is `/v1/stakeholders`), so checks by path cannot be side-stepped.
    /// A path already in that form (the usual case) is returned as it is, without splitting it.
    static func normalizedPath(_ path: String) -> String {
        if isNormal(path.utf8) { return path }
        return "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// Whether `path` starts with a slash and has no empty segment and no trailing slash (`/` itself is normal).
    /// A byte over 0x7F right after the first slash goes the slow way: a combining mark there joins the slash
    /// into one `Character`, which the definition's split does not take for a separator.
    private static func isNormal(_ path: String.UTF8View) -> Bool {
        guard path.first == UInt8(ascii: "/"), (path.dropFirst().first ?? 0) < 0x80 else { return false }
        var previous = UInt8(ascii: "/")
        for (index, byte) in path.enumerated() where index > 0 {
            if byte == UInt8(ascii: "/") && previous == byte { return false }
            previous = byte
        }
        return path.count == 1 || previous != UInt8(ascii: "/")
    }

    /// A name for the caller that scopes idempotency keys and rate limits.
    public var callerScope: String {
        switch principal {
        case .anonymous: "anon:" + (remoteAddress?.ipAddress ?? "unknown")
        default: principal.actor
        }
    }
}
