@testable import EngageServer
import Testing

@Suite("Normalized paths")
struct NormalizedPathTests {
    /// The definition the fast path must keep: empty segments and a trailing slash dropped.
    private static func byDefinition(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    @Test("a path is normalized as splitting and joining it would, whether or not it is already normal", arguments: [
        "/", "", "//", "///", "/v1", "/v1/", "//v1", "/v1//stakeholders", "/v1/stakeholders/", "v1/stakeholders",
        "/v1/stakeholders/stk_05qgbjax6y5jxvpx8yvs", "/v1/events/evt_1/registrations", "/healthz", "/a//", "/é/ü",
        "/v1/stakeholders%2F", "/v1/%2F%2F", "/ /x", "/v1/events.ics", "x", "/x/y/z/",
        "/\u{301}v1", "/\u{301}", "/v1/\u{301}x", "/v1/\u{301}/x", "/é",
    ])
    func matchesDefinition(_ path: String) {
        #expect(EngageRequestContext.normalizedPath(path) == Self.byDefinition(path))
    }

    @Test("the checks by prefix see a path with doubled slashes as the router does")
    func prefixChecks() {
        #expect(EngageRequestContext.normalizedPath("//v1//stakeholders").hasPrefix("/v1/"))
        #expect(!EngageRequestContext.normalizedPath("/v1/").hasPrefix("/v1/"))
    }
}
