import Foundation

/// The delays before each delivery attempt. The Standard Webhooks schedule is the default:
/// immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h; then the message has failed.
public struct RetrySchedule: Sendable, Equatable {
    /// `delays[n]` is the wait before attempt n + 1 (the first is normally zero).
    public var delays: [Duration]

    public init(delays: [Duration]) {
        self.delays = delays
    }

    public static let standard = RetrySchedule(delays: [
        .zero, .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600),
        .seconds(10 * 3600), .seconds(14 * 3600), .seconds(20 * 3600), .seconds(24 * 3600),
    ])

    /// Parses a comma list such as `0s,1s,2s` or `0s,5s,5m,30m,2h` (units ms, s, m, h).
    public init?(parsing text: String) {
        var delays: [Duration] = []
        for part in text.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            let (number, unit): (Substring, Int64)
            if item.hasSuffix("ms") { (number, unit) = (item.dropLast(2), 1) }
            else if item.hasSuffix("s") { (number, unit) = (item.dropLast(), 1000) }
            else if item.hasSuffix("m") { (number, unit) = (item.dropLast(), 60_000) }
            else if item.hasSuffix("h") { (number, unit) = (item.dropLast(), 3_600_000) }
            else { return nil }
            guard let value = Int64(number), value >= 0, value <= 7 * 24 * 3600 * 1000 / unit else { return nil }
            delays.append(.milliseconds(value * unit))
        }
        guard !delays.isEmpty, delays.count <= 50 else { return nil }
        self.delays = delays
    }

    /// How many attempts a message gets.
    public var attempts: Int { delays.count }

    /// The wait before the attempt after `made` attempts, with up to 10 % jitter; nil when none is left.
    public func delay(after made: Int, jitter: Double = Double.random(in: 0...0.1)) -> Duration? {
        guard made < delays.count else { return nil }
        let base = delays[made]
        return base + base * jitter
    }
}
