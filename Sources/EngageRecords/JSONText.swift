import Foundation

/// Small JSON values kept in TEXT columns (lists that are never queried by their elements).
public enum JSONText {
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "[]"
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? decoder.decode(type, from: Data(text.utf8))
    }

    /// One decoder for every column: decoding does not change it, and making one per row cost more than the row.
    private static let decoder = JSONDecoder()
}
