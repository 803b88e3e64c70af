import Hummingbird

/// RFC 4180 CSV, with cells that spreadsheet programs would run as formulas defused.
struct CSVWriter {
    private(set) var text = ""

    init(header: [String]) {
        append(header.map { Optional($0) })
    }

    /// A `200` download of the file.
    static func response(_ csv: CSVWriter, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: csv.text)))
    }

    /// Appends one row.
    mutating func append(_ row: [String?]) {
        text += row.map { Self.cell($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FEFF}", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    private static func cell(_ value: String) -> String {
        var value = value
        // A cell starting with = + - @ (or a tab / carriage return) would be evaluated by a spreadsheet,
        // and so would one starting with their fullwidth forms (＝ ＋ － ＠), which some spreadsheets fold
        // to the ASCII ones, or with a byte order mark in front of any of them.
        if let first = value.unicodeScalars.first, Self.formulaStarts.contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
