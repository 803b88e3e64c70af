import Foundation
import Synchronization

/// The snake_case spelling `JSONEncoder`'s `.convertToSnakeCase` (the API's key strategy) gives a
/// coding key, asked of Foundation's encoder itself once per key and kept: the streaming writer then
/// spells keys exactly as Foundation does (acronyms included) without a second copy of its rules.
enum SnakeCaseName {
    private static let known = Mutex<[String: String]>([:])

    /// `key` as `JSONEncoder.api` writes it.
    static func of(_ key: String) -> String {
        if let name = known.withLock({ $0[key] }) { return name }
        let name = converted(key) ?? key
        known.withLock { $0[key] = name }
        return name
    }

    /// The key strategy of `JSONEncoder.api`, the only setting that decides a key's spelling.
    private static let converter: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    private static func converted(_ key: String) -> String? {
        guard let data = try? converter.encode(OneKey(key: key)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object.keys.first
    }

    /// An object with one null entry under `key`, to see what the encoder makes of the key.
    private struct OneKey: Encodable {
        let key: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedKey.self)
            try container.encodeNil(forKey: NamedKey(key))
        }
    }
}
