import Foundation

/// Finds a key that appears twice in one JSON object. Decoders disagree on which of two values
/// wins (Foundation keeps one, Python and JavaScript the last), so a body with a repeated key means
/// different things to Engage and to whoever checked it; it is refused instead.
///
/// Foundation's parsers drop repeats before anyone can see them, so this is a small scan of the
/// raw text: it assumes the body is otherwise valid JSON (the decoder checks that after it).
public enum JSONDuplicateKeys {
    /// The first repeated key, with the path of its object (`contact.name`), or nil.
    public static func first(in data: Data) -> String? {
        var stack: [(keys: Set<String>, isObject: Bool, path: String)] = []
        var pendingKey: String?   // the key of the value being read in the innermost object
        var lastString: String?
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "\""):
                let (text, end) = readString(data, from: index)
                lastString = text
                index = end
                continue
            case UInt8(ascii: ":"):
                if let key = lastString, let top = stack.last, top.isObject {
                    if top.keys.contains(key) { return top.path.isEmpty ? key : top.path + "." + key }
                    stack[stack.count - 1].keys.insert(key)
                    pendingKey = key
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let parent = stack.last
                let path = parent.map { $0.isObject ? join($0.path, pendingKey ?? "") : $0.path } ?? ""
                stack.append((keys: [], isObject: byte == UInt8(ascii: "{"), path: path))
                pendingKey = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
                continue  // white space between a key and its colon keeps the key
            default:
                break
            }
            lastString = nil
            index += 1
        }
        return nil
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The string starting at the quote at `start`, unescaped, and the index after its closing quote.
    private static func readString(_ data: Data, from start: Data.Index) -> (String, Data.Index) {
        var index = start + 1
        var escaped = false
        while index < data.endIndex {
            let byte = data[index]
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { break }
            index += 1
        }
        let end = min(index + 1, data.endIndex)
        let raw = data[start..<end]
        if escaped, let decoded = try? JSONDecoder().decode(String.self, from: Data(raw)) { return (decoded, end) }
        return (String(decoding: raw.dropFirst().dropLast(), as: UTF8.self), end)
    }
}
