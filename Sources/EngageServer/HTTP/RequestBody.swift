import EngageDomain
import Foundation
import Hummingbird

/// Reading JSON request bodies into a `JSONValue` tree, with clear problems for bad input.
enum RequestBody {
    /// The body as JSON. Accepts `application/json` (and, when `mergePatch`, `application/merge-patch+json`).
    static func json(_ request: Request, context: EngageRequestContext, mergePatch: Bool = false) async throws -> JSONValue {
        let mediaType = request.headers[.contentType]?
            .split(separator: ";").first.map { Blanks.trimmed($0).lowercased() } ?? ""
        let accepted = mergePatch ? ["application/json", "application/merge-patch+json"] : ["application/json"]
        guard accepted.contains(mediaType) else {
            throw Problem.unsupportedMediaType("send the body as \(accepted.joined(separator: " or "))")
        }
        let buffer = try await collect(request, context: context)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("the request body is empty; send a JSON object") }
        let data = Data(buffer.readableBytesView)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Problem.badRequest("the request body is not valid JSON")
        }
        if let key = JSONDuplicateKeys.first(in: data) {
            throw Problem.badRequest("the request body names \(key) twice; send each key once")
        }
        return value
    }

    /// The whole body, within the size limit (413) and the time limit (408). A body that cannot be read
    /// (a malformed chunked encoding, a client gone mid-body) is the client's fault: 400, not a 500.
    static func collect(_ request: Request, context: EngageRequestContext) async throws -> ByteBuffer {
        let limit = context.maxUploadSize
        let timeout = context.bodyTimeout
        do {
            return try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
                group.addTask { try await request.body.collect(upTo: limit) }
                group.addTask { [eventLoop = context.eventLoop] in
                    try await BodyDeadline.wait(timeout, on: eventLoop)
                    throw Problem(type: .requestTimeout, title: "Request timeout", status: 408,
                                  detail: "the request body did not arrive within \(timeout.components.seconds) s")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let error where Problem.from(error) != nil {
            throw error
        } catch {
            throw Problem.badRequest("the request body could not be read: it ended early or its encoding is malformed")
        }
    }

    /// A body that may be absent (actions such as approve); an empty body reads as `{}`.
    static func optionalJSON(_ request: Request, context: EngageRequestContext) async throws -> JSONValue {
        var request = request
        let buffer = try await collect(request, context: context)
        guard buffer.readableBytes > 0 else { return .object([:]) }
        request.body = .init(buffer: buffer)
        return try await json(request, context: context)
    }
}
