import Hummingbird

/// The routes of a router as `METHOD /path` lines, with `:name` captures written `{name}` as in openapi.yaml.
public func routeTable(_ router: Router<EngageRequestContext>) -> [String] {
    router.routes.map { route in
        let path = route.path.components.map { component in
            let text = component.description
            return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
        }.joined(separator: "/")
        return "\(route.method.rawValue) /\(path)"
    }.sorted()
}
