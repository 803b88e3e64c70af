import Foundation

/// Trimming blanks from both ends of a string, exactly as Foundation's `trimmingCharacters(in:)` with
/// `.whitespaces` or `.whitespacesAndNewlines`, without its bridge to `NSString`: that bridge was 2 % of
/// a registration's time (every string field of a body, the bearer token, the media type).
///
/// It works on Unicode scalars, as Foundation does: a blank before a combining mark is trimmed too.
public enum Blanks {
    /// `text` without leading and trailing blanks; `newlines` trims line breaks as well.
    public static func trimmed(_ text: String, newlines: Bool = false) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isBlank(first, newlines) && !isBlank(last, newlines) { return text }
        return String(trimmed(text[...], newlines: newlines))
    }

    /// `trimmed` for a part of a string.
    public static func trimmed(_ text: Substring, newlines: Bool = false) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0, newlines) }),
              let last = scalars.lastIndex(where: { !isBlank($0, newlines) }) else { return "" }
        return Substring(scalars[first...last])
    }

    // MARK: Which scalars

    /// Space and tab, and for `newlines` LF, VT, FF and CR; anything beyond ASCII is asked of Foundation's set.
    private static func isBlank(_ scalar: Unicode.Scalar, _ newlines: Bool) -> Bool {
        if scalar.isASCII {
            return scalar == " " || scalar == "\t" || (newlines && (0x0A...0x0D).contains(scalar.value))
        }
        return (newlines ? CharacterSet.whitespacesAndNewlines : CharacterSet.whitespaces).contains(scalar)
    }
}
