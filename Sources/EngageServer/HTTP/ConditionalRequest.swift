import EngageDomain
import Hummingbird

/// `If-None-Match` (304) and `If-Match` (412) handling.
enum ConditionalRequest {
    /// Whether the client's cached copy (If-None-Match) is still current.
    static func isNotModified(_ request: Request, etag: String) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        // Weak comparison (RFC 9110 §13.1.2): the tags match when their opaque parts do, `W/` or not.
        let opaque = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        return header.split(separator: ",").contains { tag in
            let tag = Blanks.trimmed(tag)
            return tag == "*" || opaque(tag) == opaque(Substring(etag))
        }
    }

    /// The record version `If-Match` requires, nil when absent or `*`.
    /// A value that is no ETag of this API matches no version, so the request fails its
    /// precondition (RFC 9110 §13.1.1): 412, like a stale tag, and nothing changes.
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch] else { return nil }
        let header = Blanks.trimmed(raw)
        if header == "*" { return nil }
        guard let version = ETag.version(from: header) else { throw DomainError.preconditionFailed }
        return version
    }

    /// A 304 response for `etag`.
    static func notModified(etag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag])
    }

    /// 304 for a representation chosen by `Accept-Language`: it names the header it varies on.
    static func notModified(etag: String, localized: Bool) -> Response {
        var response = notModified(etag: etag)
        if localized { response.headers[.vary] = "Accept-Language" }
        return response
    }
}
