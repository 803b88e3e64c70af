import Foundation

/// A period in which something is accepted: open from `opensAt` (inclusive) until `closesAt` (exclusive).
public struct TimeWindow: Sendable, Hashable {
    public var opensAt: Date
    public var closesAt: Date

    public init(opensAt: Date, closesAt: Date) {
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    /// Where `now` falls.
    public enum Position: Sendable, Equatable {
        case notYetOpen, open, closed
    }

    /// Open at exactly `opensAt`; closed at exactly `closesAt`.
    public func position(at now: Date) -> Position {
        if now < opensAt { return .notYetOpen }
        return now < closesAt ? .open : .closed
    }

    /// Why `what` is not accepted at `now`, or nil while the window is open.
    public func refusal(_ what: String, at now: Date) -> String? {
        switch position(at: now) {
        case .open: nil
        case .notYetOpen: "\(what) opens at \(Timestamp.format(opensAt))"
        case .closed: "\(what) closed at \(Timestamp.format(closesAt))"
        }
    }

    /// Reads `opens_at` and `closes_at` from a nested object; both are required when `strict`
    /// (a patch fragment is only type-checked, then checked whole once merged).
    static func read(_ reader: inout ObjectReader, strict: Bool = true) -> TimeWindow? {
        let opens = reader.timestamp("opens_at", required: strict)
        let closes = reader.timestamp("closes_at", required: strict)
        guard let opens, let closes else { return nil }
        guard closes > opens else {
            reader.fail("closes_at", "must be after opens_at")
            return nil
        }
        return TimeWindow(opensAt: opens, closesAt: closes)
    }
}

extension TimeWindow {
    /// The window as JSON members, for merge-patching.
    var members: [String: JSONValue] {
        ["opens_at": .string(Timestamp.format(opensAt)), "closes_at": .string(Timestamp.format(closesAt))]
    }
}
