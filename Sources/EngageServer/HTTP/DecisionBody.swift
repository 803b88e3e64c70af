import EngageDomain
import Hummingbird

/// The optional body of a review action (`approve`, `reject`, `withdraw`, `suspend`):
/// `reason` (required when `reasonRequired`; blank counts as none) and, for some actions, flags.
struct DecisionBody {
    var reason: String?
    var flags: [String: Bool] = [:]

    /// Reads the body, naming every bad field; `flags` are the boolean fields this action also takes.
    static func read(_ request: Request, context: EngageRequestContext, reasonRequired: Bool, flags names: [String] = []) async throws -> DecisionBody {
        var reader = ObjectReader(try await RequestBody.optionalJSON(request, context: context))
        var body = DecisionBody(reason: reader.string("reason", required: reasonRequired, maxLength: 2000).flatMap { $0.isEmpty ? nil : $0 })
        for name in names { body.flags[name] = reader.bool(name) }
        reader.rejectUnknownFields()
        if !reader.errors.isEmpty { throw DomainError.validation(reader.errors) }
        return body
    }
}
