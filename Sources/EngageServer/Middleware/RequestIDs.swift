import EngageDomain
import Synchronization

/// Correlation IDs for requests that bring none: `req_`, then 32 hex digits, the first 16 drawn at
/// random once per process, the last 16 a count. They only have to be unique (they are echoed in
/// `X-Request-Id`, problem responses and the log), not unguessable: Foundation's `UUID()` opened,
/// read and closed `/dev/urandom` for each, three system calls, 3.4 % of a read by ID.
enum RequestIDs {
    private static let process: UInt64 = .random(in: .min ... .max)
    private static let count = Atomic<UInt64>(0)

    /// The next ID: different from every other this process makes, and (by its random half) from
    /// other processes' with overwhelming probability.
    static func next() -> String {
        let number = count.wrappingAdd(1, ordering: .relaxed).newValue
        return "req_" + hex(process) + hex(number)
    }

    /// `value` as 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        withUnsafeBytes(of: value.bigEndian) { Secret.hex($0) }
    }
}
