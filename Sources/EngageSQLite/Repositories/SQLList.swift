/// SQL fragments for `IN` lists.
enum SQLList {
    /// `(?,?,…)` for `count` arguments.
    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }
}
