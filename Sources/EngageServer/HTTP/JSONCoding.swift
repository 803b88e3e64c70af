import EngageDomain
import Foundation
import Hummingbird

extension JSONEncoder {
    /// The encoder of every API response: snake_case keys, RFC 3339 UTC dates.
    /// Configured once and shared (encoding does not mutate it), not rebuilt per response.
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension JSONEncoder {
    /// The encoder for types whose coding keys are already snake_case (`SnakeCaseKeys`): the same
    /// output without converting every key of every object on every response (the hot list paths).
    static let apiExplicitKeys: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Encodes an API value: written by `StreamingJSONEncoder`, or by Foundation's encoder when a
    /// type encodes itself in a way the streaming writer does not follow. Debug builds (every test)
    /// encode with both and stop on any difference.
    static func encodeAPI(_ value: some Encodable) throws -> Data {
        Data(try encodeAPIBytes(value))
    }

    /// `encodeAPI` as bytes: a response's body is copied once, into its buffer.
    static func encodeAPIBytes(_ value: some Encodable) throws -> [UInt8] {
        let explicitKeys = value is any SnakeCaseKeys
        let foundation = explicitKeys ? apiExplicitKeys : api
        guard let bytes = try? StreamingJSONEncoder.encode(value, convertingKeys: !explicitKeys) else {
            return [UInt8](try foundation.encode(value))
        }
        #if DEBUG
        let expected = try foundation.encode(value)
        if expected != Data(bytes) {
            fatalError("StreamingJSONEncoder differs from JSONEncoder for \(type(of: value)):\n\(String(decoding: bytes, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
        }
        #endif
        return bytes
    }
}

/// A response type whose `CodingKeys` spell the API's snake_case names themselves.
protocol SnakeCaseKeys {}

/// A representation without a version (a page of a list): `JSONResponse.make` tags it by a digest of its body.
protocol TaggedByContent {}

/// Building JSON responses.
enum JSONResponse {
    /// A JSON response with `value` as its body.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONEncoder.encodeAPIBytes(value)
        var fields = headers
        fields[.contentType] = "application/json"
        // A list has no version of its own: its tag is a digest of the page as sent (weak: the bytes of
        // another encoder could differ while meaning the same), so clients revalidate it like a resource.
        if value is any TaggedByContent, fields[.eTag] == nil {
            fields[.eTag] = "W/\"l-" + Secret.sha256Hex(data).prefix(32) + "\""
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response that carries a secret shown once: never to be stored by caches.
    static func withSecret(_ value: some Encodable, status: HTTPResponse.Status = .created, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.cacheControl] = "no-store"
        return try make(value, status: status, headers: fields)
    }
}
