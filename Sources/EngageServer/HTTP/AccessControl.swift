import EngageDomain
import Hummingbird

/// Role checks: no credentials is a 401, the wrong role a 403.
extension EngageRequestContext {
    /// Admins only (API keys).
    func requireAdmin() throws {
        try require(principal.role == .admin, "this needs an admin API key")
    }

    /// Staff or admins: content management and review.
    func requireStaff() throws {
        try require(principal.isStaff, "this needs a staff or admin API key")
    }

    /// Any API key: reading non-public data.
    func requireReader() throws {
        try require(principal.canReadPrivateData, "this needs an API key (reader, staff or admin)")
    }

    private func require(_ allowed: Bool, _ detail: String) throws {
        guard !allowed else { return }
        if principal == .anonymous { throw Problem.unauthorized(detail) }
        throw Problem.forbidden(detail)
    }

    /// The path parameter `name` as a typed ID; a malformed ID names nothing, so it is a 404.
    func identifier<ID: PrefixedIdentifier>(_ name: String, as type: ID.Type, resource: String) throws -> ID {
        let text = parameters.get(name) ?? ""
        guard let id = ID(rawValue: text) else { throw DomainError.notFound(resource: resource, id: text) }
        return id
    }
}
