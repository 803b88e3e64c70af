import Foundation

/// One field a client can change: its API name and how two versions of the model compare on it.
public struct ModelField<Model> {
    /// The API name (snake_case), as history entries and webhooks name it.
    public let name: String
    /// The stored property that holds it, when its name is not the API name in camelCase (`dates` for `starts_on`).
    public let property: String?
    private let compare: (Model, Model) -> Bool

    public init<Value: Equatable>(_ name: String, _ keyPath: KeyPath<Model, Value>, property: String? = nil) {
        self.name = name
        self.property = property
        compare = { $0[keyPath: keyPath] != $1[keyPath: keyPath] }
    }

    /// Whether `a` and `b` differ in this field.
    public func differs(_ a: Model, _ b: Model) -> Bool { compare(a, b) }
}

/// A model whose client-editable fields are listed once: that list drives change detection for
/// PATCH and history, and a test checks it against the model's stored properties.
public protocol FieldListed {
    /// Every field a client can change, in API order.
    static var editableFields: [ModelField<Self>] { get }
    /// Stored properties that are not client-editable fields (identity, status, bookkeeping).
    static var bookkeepingProperties: Set<String> { get }
}

extension FieldListed {
    /// The API names of the fields that differ from `other`.
    public func changedFields(comparedTo other: Self) -> [String] {
        Self.editableFields.filter { $0.differs(self, other) }.map(\.name)
    }

    /// The stored properties of `sample` that neither a field nor the bookkeeping list covers:
    /// a property added to the model and forgotten here. Empty when the list is complete.
    public static func unlistedProperties(of sample: Self) -> [String] {
        let covered = Set(editableFields.map { $0.property ?? Self.folded($0.name) }.map(Self.folded))
            .union(bookkeepingProperties.map(Self.folded))
        return Mirror(reflecting: sample).children.compactMap(\.label).filter { !covered.contains(Self.folded($0)) }
    }

    /// `project_id`, `projectID` and `projectId` all fold to `projectid`.
    private static func folded(_ name: String) -> String {
        name.replacingOccurrences(of: "_", with: "").lowercased()
    }
}
