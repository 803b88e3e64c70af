/// RFC 4180 CSV, with cells that spreadsheet programs would run as formulas defused.
struct CSVWriter {
    private(set) var text = ""

    init(header: [String]) {
        append(header.map { Optional($0) })
    }

    /// Appends one row.
    mutating func append(_ row: [String?]) {
        text += row.map { Self.cell($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    private static func cell(_ value: String) -> String {
        var value = value
        // A cell starting with = + - @ (or a tab / carriage return) would be evaluated by a spreadsheet.
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
