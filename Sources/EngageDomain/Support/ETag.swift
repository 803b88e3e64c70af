import Foundation

/// Strong entity tags. A representation differs by audience (public or full), so the tag
/// names both the record version and the audience.
public enum ETag {
    /// The tag of a stakeholder representation.
    public static func stakeholder(version: Int, full: Bool) -> String {
        make(version: version, variant: full ? "full" : "public")
    }

    /// `"v<version>-<variant>"`, quoted as HTTP requires.
    public static func make(version: Int, variant: String) -> String {
        "\"v\(version)-\(variant)\""
    }

    /// The record version an `If-Match` tag names, or nil when it is not one of ours.
    public static func version(from tag: String) -> Int? {
        var text = tag.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("\"v"), text.hasSuffix("\""), text.count > 3 else { return nil }
        text = String(text.dropFirst(2).dropLast())
        guard let dash = text.firstIndex(of: "-") else { return nil }
        let variant = text[text.index(after: dash)...]
        guard (1...24).contains(variant.count), variant.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else { return nil }
        let digits = text[..<dash]
        guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
