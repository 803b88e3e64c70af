import Foundation

/// One outbound HTTP POST and what came back. Behind a protocol so tests can swap the transport.
public protocol HTTPTransport: Sendable {
    /// Posts `body` to `url`; transport failures are reported in the result, not thrown.
    func post(_ request: OutboundRequest) async -> OutboundResult
}

/// A webhook delivery attempt.
public struct OutboundRequest: Sendable {
    public var url: String
    public var headers: [(String, String)]
    public var body: Data
    /// Overall time limit of the attempt.
    public var timeout: Duration
    /// Time limit for establishing the connection.
    public var connectTimeout: Duration
    /// `host:port:address` pins (CURLOPT_RESOLVE), so the checked address is the one connected to.
    public var resolve: [String]

    public init(url: String, headers: [(String, String)], body: Data, timeout: Duration = .seconds(15),
                connectTimeout: Duration = .seconds(5), resolve: [String] = []) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.resolve = resolve
    }
}

/// The outcome of an attempt: a status and a (capped) body, or an error.
public struct OutboundResult: Sendable, Equatable {
    public var status: Int?
    public var headers: [String: String]
    public var body: Data
    public var error: String?
    public var duration: Duration

    public init(status: Int?, headers: [String: String] = [:], body: Data = Data(), error: String? = nil, duration: Duration) {
        self.status = status
        self.headers = headers
        self.body = body
        self.error = error
        self.duration = duration
    }
}
