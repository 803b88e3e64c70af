import Foundation
import Prometheus

/// Request counts and latency by route and status, in a Prometheus registry owned by the application.
public final class HTTPMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// Anonymous directory reads answered from memory (`ResponseCache`), and those that were not: made
    /// once, since every such read counts in one of them.
    private let cacheHits: Counter
    private let cacheMisses: Counter

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let descriptor = MetricNameDescriptor(
            metricName: "engage_response_cache_requests", unitName: "total", helpText: "Anonymous directory and event reads answered from memory (hit) or not (miss)")
        cacheHits = registry.makeCounter(descriptor: descriptor, labels: [("result", "hit")])
        cacheMisses = registry.makeCounter(descriptor: descriptor, labels: [("result", "miss")])
    }

    /// Records one finished request.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(metricName: "engage_http_requests", unitName: "total", helpText: "HTTP requests handled"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(metricName: "engage_http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
            labels: labels, buckets: Self.buckets
        ).record(duration)
    }

    /// Records whether an anonymous directory read was answered from memory (`ResponseCache`).
    func recordCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> String { registry.emitToString() }
}
