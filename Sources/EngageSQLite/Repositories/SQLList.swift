import Foundation

/// Lists of values in SQL.
enum SQLList {
    /// `(?,?,…)` for `count` arguments.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    /// Strings as one JSON array, for `IN (SELECT value FROM json_each(?))`: one statement text (and
    /// one cached statement) for any number of values.
    static func jsonArray(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
