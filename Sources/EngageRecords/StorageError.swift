/// Failures of the storage layer that are not the caller's fault.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    /// A stored value no longer maps to the domain (an enum value the code does not know).
    case corruptRow(table: String, id: String)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): "row \(id) of \(table) holds a value the service does not recognise"
        }
    }
}
