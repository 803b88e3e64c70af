import Foundation

/// Where handlers get the current time; tests pass a fixed or stepped clock to reach window edges exactly.
public struct TimeSource: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The system clock.
    public static let system = TimeSource { Date() }
}
