import Foundation

extension Duration {
    /// Whole milliseconds (libcurl's timeouts, attempt durations in the logs).
    var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
