import EngageDomain
import Foundation
import Hummingbird
import NIOCore

/// An RFC 9457 problem detail, sent as `application/problem+json`.
public struct Problem: Error, Sendable, Codable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    /// Every invalid field, for validation problems.
    public var errors: [FieldError]?
    public var requestId: String?
    /// For a conflict with a record that may exist only once: the path of the existing one.
    public var existing: String?
    /// For 405: the methods the resource supports (sent as the `Allow` header, not in the body).
    public var allow: [String]?
    /// For 429: seconds to wait (sent as `Retry-After`).
    public var retryAfter: Int?

    /// A problem of a catalogued type (`GET /problems/{name}` describes each).
    public init(type: ProblemType, title: String, status: Int, detail: String, errors: [FieldError]? = nil) {
        self.type = type.uri
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors, existing
        case requestId = "request_id"
    }

    // MARK: Common problems

    static func badRequest(_ detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(type: .badRequest, title: "Bad request", status: 400, detail: detail, errors: errors)
    }

    static func invalidQuery(_ errors: [FieldError]) -> Problem {
        Problem(type: .invalidQuery, title: "Invalid query parameters", status: 400,
                detail: "\(errors.count) query parameter(s) are invalid: \(errors.map(\.field).joined(separator: ", "))", errors: errors)
    }

    static func unauthorized(_ detail: String) -> Problem {
        Problem(type: .unauthorized, title: "Authentication required", status: 401, detail: detail)
    }

    static func forbidden(_ detail: String) -> Problem {
        Problem(type: .forbidden, title: "Forbidden", status: 403, detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(type: .notFound, title: "Not found", status: 404, detail: detail)
    }

    static func unsupportedMediaType(_ detail: String) -> Problem {
        Problem(type: .unsupportedMediaType, title: "Unsupported media type", status: 415, detail: detail)
    }

    // MARK: Mapping

    /// The problem an error becomes. Unexpected errors become a 500 that reveals nothing.
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let domain as DomainError:
            return from(domain)
        case is NIOTooManyBytesError:
            return Problem(type: .payloadTooLarge, title: "Request body too large", status: 413, detail: "the request body exceeds the limit")
        case let http as HTTPError:
            let status = Int(http.status.code)
            let detail = http.body ?? http.status.reasonPhrase
            switch status {
            case 400: return badRequest(detail)
            case 404: return notFound("no such resource: \(detail)")
            case 413: return Problem(type: .payloadTooLarge, title: "Request body too large", status: 413, detail: "the request body exceeds the limit")
            default: return Problem(type: .http, title: http.status.reasonPhrase, status: status, detail: detail)
            }
        default:
            return nil
        }
    }

    static func from(_ error: DomainError) -> Problem {
        switch error {
        case .validation(let errors):
            return Problem(
                type: .validation, title: "Validation failed", status: 422,
                detail: "\(errors.count) field(s) are invalid: \(errors.map(\.field).joined(separator: ", "))", errors: errors
            )
        case .notFound(let resource, let id):
            return notFound("no \(resource) \(id)")
        case .conflict(let detail):
            return Problem(type: .conflict, title: "Conflict", status: 409, detail: detail)
        case .duplicate(let detail, _):
            // Controllers that know where the existing record lives add `existing` (see `duplicate(_:at:)`).
            return Problem(type: .duplicate, title: "Already exists", status: 409, detail: detail)
        case .preconditionFailed:
            return Problem(type: .preconditionFailed, title: "Precondition failed", status: 412,
                           detail: "If-Match does not name the current version; fetch the resource again")
        }
    }

    /// A duplicate that names the path of the existing record.
    static func duplicate(_ detail: String, at path: String) -> Problem {
        var problem = Problem(type: .duplicate, title: "Already exists", status: 409, detail: detail)
        problem.existing = path
        return problem
    }

    static let internalError = Problem(
        type: .internalError, title: "Internal server error", status: 500,
        detail: "the server failed to handle the request; quote the request ID when reporting it"
    )

    // MARK: Response

    /// The response carrying this problem; `instance` is the request's path.
    func response(requestID: String, instance: String? = nil) -> Response {
        var problem = self
        problem.requestId = requestID.isEmpty ? nil : requestID
        problem.instance = problem.instance ?? instance
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"engage\"" }
        if let allow { headers[.allow] = allow.joined(separator: ", ") }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = (try? JSONEncoder.api.encode(problem)) ?? Data()
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
