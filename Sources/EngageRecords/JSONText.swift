import EngageDomain
import Foundation

/// Small JSON values kept in TEXT columns (lists that are never queried by their elements).
public enum JSONText {
    /// `value` as `JSONEncoder` with `.sortedKeys` writes it, written by `StreamingJSONEncoder` (Foundation's
    /// encoder was 5 % of a registration's time: a participant list, a mail's context, a change's audience).
    /// Debug builds (every test) encode with both and stop on any difference.
    public static func encode(_ value: some Encodable) -> String {
        guard let bytes = try? StreamingJSONEncoder.encodeForStorage(value) else { return foundationText(value) }
        let text = String(decoding: bytes, as: UTF8.self)
        #if DEBUG
        let expected = foundationText(value)
        if expected != text { fatalError("StreamingJSONEncoder differs from JSONEncoder for \(type(of: value)):\n\(text)\n\(expected)") }
        #endif
        return text
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? decoder.decode(type, from: Data(text.utf8))
    }

    // MARK: Foundation

    private static func foundationText(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "[]"
    }

    /// One decoder for every column: decoding does not change it, and making one per row cost more than the row.
    private static let decoder = JSONDecoder()
}
