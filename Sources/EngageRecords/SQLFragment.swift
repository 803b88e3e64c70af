/// A piece of a query both stores run: SQL text, or a value to bind in its place. Each store joins
/// them with its own placeholders (`?` on SQLite, `$n` on PostgreSQL).
public enum SQLFragment: Sendable, Equatable {
    case sql(String)
    case bind(String)

    /// `sql` with each `:name` token replaced by a bind of `values[name]`; a token without a value stays text.
    public static func binding(_ sql: String, _ values: [String: String]) -> [SQLFragment] {
        var fragments: [SQLFragment] = []
        var text = ""
        var rest = Substring(sql)
        while let colon = rest.firstIndex(of: ":") {
            text += rest[..<colon]
            let name = rest[rest.index(after: colon)...].prefix { $0.isLetter || $0 == "_" }
            if let value = values[String(name)] {
                if !text.isEmpty { fragments.append(.sql(text)) }
                fragments.append(.bind(value))
                text = ""
            } else {
                text += ":" + name
            }
            rest = rest[rest.index(colon, offsetBy: 1 + name.count)...]
        }
        text += rest
        if !text.isEmpty { fragments.append(.sql(text)) }
        return fragments
    }
}
