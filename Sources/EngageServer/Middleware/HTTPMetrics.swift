import Foundation
import Prometheus
import Synchronization

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
        let series = self.series(RouteSeries(method: method, route: route, status: status))
        series.requests.increment()
        series.duration.record(duration)
    }

    // MARK: Series by route

    /// The labels of one route's series. Routes come from the route table and statuses are few, so
    /// the series are too.
    private struct RouteSeries: Hashable, Sendable {
        var method: String
        var route: String
        var status: Int
    }

    /// The count and latency of one route's answers with one status.
    private struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram
    }

    /// Each route's series, made once: the registry's own lookup (its label strings joined and
    /// hashed on every request) was 2 % of a read by ID.
    private let known = Mutex<[RouteSeries: Series]>([:])

    private func series(_ labels: RouteSeries) -> Series {
        if let series = known.withLock({ $0[labels] }) { return series }
        let pairs = [("method", labels.method), ("route", labels.route), ("status", String(labels.status))]
        let series = Series(
            requests: registry.makeCounter(
                descriptor: .init(metricName: "engage_http_requests", unitName: "total", helpText: "HTTP requests handled"), labels: pairs),
            duration: registry.makeDurationHistogram(
                descriptor: .init(metricName: "engage_http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
                labels: pairs, buckets: Self.buckets))
        known.withLock { $0[labels] = series }
        return series
    }

    /// Records whether an anonymous directory read was answered from memory (`ResponseCache`).
    func recordCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> String { registry.emitToString() }
}
