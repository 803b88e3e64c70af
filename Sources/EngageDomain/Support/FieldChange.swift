/// What a merge-patch does with one nullable field: set a value, or clear it with `null`.
/// A field that is absent from the patch is `nil` where this is used, and stays as it is.
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    case set(Value)
    case clear

    /// The new value, nil when cleared.
    public var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}
