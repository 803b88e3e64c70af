/// The errors the domain layer reports. The server maps each case to one RFC 9457 problem.
public enum DomainError: Error, Sendable, Equatable {
    /// The input broke one or more field rules; every bad field is listed.
    case validation([FieldError])
    /// No such record, or the caller may not know it exists.
    case notFound(resource: String, id: String)
    /// The request is well-formed but conflicts with the record's current state.
    case conflict(String)
    /// The request would create a second record where only one may be open; names the existing one.
    case duplicate(String, existingID: String)
    /// `If-Match` named a version that is no longer current.
    case preconditionFailed
}
