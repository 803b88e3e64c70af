import EngageRecords

/// Lists of values in SQL.
enum SQLList {
    /// `(?,?,…)` for `count` arguments.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    /// Strings as one JSON array, for `IN (SELECT value FROM json_each(?))`: one statement text (and
    /// one cached statement) for any number of values. Written as the JSON columns are (`JSONText`): a
    /// `JSONEncoder` made for each page was 2.3 % of a 50-row list's time.
    static func jsonArray(_ values: [String]) -> String {
        JSONText.encode(values)
    }
}
