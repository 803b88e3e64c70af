/// A coding key made from any name: for keys that are data (a group's dimensions) rather than a type's fields.
package struct NamedKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
