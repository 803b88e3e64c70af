import EngageDomain
import EngageRecords
@testable import EngageServer
import Foundation
import Testing

@Suite("The streaming JSON writer gives JSONEncoder's bytes")
struct StreamingJSONEncoderTests {
    // MARK: Helpers

    /// Both encodings of `value`, as text: the streaming writer's and Foundation's with the same settings.
    private func both(_ value: some Encodable, convertingKeys: Bool) throws -> (streamed: String, foundation: String) {
        let streamed = try StreamingJSONEncoder.encode(value, convertingKeys: convertingKeys)
        let foundation = try (convertingKeys ? JSONEncoder.api : JSONEncoder.apiExplicitKeys).encode(value)
        return (String(decoding: streamed, as: UTF8.self), String(decoding: foundation, as: UTF8.self))
    }

    // MARK: Every kind of value

    /// Every control character, quotes, backslashes, slashes, DEL, accents, CJK, an emoji, U+2028.
    static let awkwardText = String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "\"\\/\u{7F} é Ñ 腐败 مكافحة Коррупция 🇺🇳 \u{2028}"

    struct Everything: Encodable {
        var text = StreamingJSONEncoderTests.awkwardText
        var empty = ""
        var count = 42
        var negative: Int64 = -9_007_199_254_740_993
        var small: Int8 = -8
        var large: UInt64 = .max
        var yes = true
        var no = false
        var whole = 1.0
        var half = 0.5
        var tiny = 1e-7
        var huge = 1e21
        var precise = 123_456.789_012_3
        var single: Float = 0.1
        var moment = Date(timeIntervalSince1970: 1_795_000_000.987)
        var before1970 = Date(timeIntervalSince1970: -86_400 * 400)
        var link = URL(string: "https://www.unodc.org/unodc/en/ngos/index.html?x=1&y=é")!
        var amount = Decimal(string: "1234.5600")!
        var bytes = Data([0, 1, 2, 250, 255])
        var missing: String? = nil
        var present: String? = "here"
        var nested = Inner()
        var list = [Inner(), Inner(name: "second", onlineURL: nil)]
        var noItems: [Inner] = []
        var optionals: [Int?] = [1, nil, 3]
        var matrix = [[1, 2], [], [3]]
        var counts = ["camelCase": 1, "snake_case": 2, "B": 3, "a10": 4, "a2": 5]
        var status = Status.underReview
        // Keys that sort differently by bytes and by other rules.
        var sessions = 1
        var sessionNumber = 2
        var a10 = 3
        var a2 = 4
        var HTTPStatus = 5
        var _private = 6
        var alreadySnake_case = 7
        var nameURLs = 8
    }

    struct Inner: Encodable {
        var name = "inner"
        var onlineURL: String? = "https://example.org/a/b"
        enum CodingKeys: String, CodingKey { case name, onlineURL }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(onlineURL, forKey: .onlineURL)  // explicit null
        }
    }

    enum Status: String, Encodable { case underReview = "under_review" }

    @Test("every field kind, escapes, non-ASCII, nulls, nesting, dictionaries and sorting", arguments: [false, true])
    func everything(convertingKeys: Bool) throws {
        let (streamed, foundation) = try both(Everything(), convertingKeys: convertingKeys)
        #expect(streamed == foundation)
        // Not two empty strings agreeing: the document has what it was given.
        #expect(streamed.contains("腐败") && streamed.contains("\\u0001") && streamed.contains("\"missing\"") == false)
    }

    @Test("a JSON column's bytes: JSONEncoder with only sorted keys, slashes escaped, dates as seconds since 2001")
    func storage() throws {
        // Given values of every kind, nested, in the shapes the stores keep
        let values: [any Encodable] = [Everything(), ByHand(), [Flattened(), Flattened()], ["a/b", "c"], [Date(timeIntervalSince1970: 1_795_000_000.987)]]
        for value in values {
            // When the storage style writes them
            let streamed = String(decoding: try StreamingJSONEncoder.encodeForStorage(value), as: UTF8.self)
            // Then the bytes are Foundation's with `.sortedKeys` alone, and what `JSONText` stores
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let foundation = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(streamed == foundation)
            #expect(JSONText.encode(value) == foundation)
        }
        let text = String(decoding: try StreamingJSONEncoder.encodeForStorage(Everything()), as: UTF8.self)
        #expect(text.contains(#""link":"https:\/\/www.unodc.org\/unodc"#) && text.contains(#"\u0001"#))
        #expect(text.contains(#""moment":816692800.98"#))
    }

    /// Optionals encoded with `encode` (an explicit `null`) and in arrays: the writer writes `String?`,
    /// `Int?`, `Bool?` and `Date?` (in an answer) without an encoder for the `Optional`.
    struct Optionals: Encodable {
        var values: [(String?, Int?, Bool?, Date?, Double?)] = [("é \"q\"", -7, false, Date(timeIntervalSince1970: 1_795_000_000.5), 0.25), (nil, nil, nil, nil, nil)]
        enum Keys: String, CodingKey { case text, number, flag, moment, fraction, texts, numbers, flags, moments }

        func encode(to encoder: any Encoder) throws {
            var list = encoder.unkeyedContainer()
            for (text, number, flag, moment, fraction) in values {
                var object = list.nestedContainer(keyedBy: Keys.self)
                try object.encode(text, forKey: .text)
                try object.encode(number, forKey: .number)
                try object.encode(flag, forKey: .flag)
                try object.encode(moment, forKey: .moment)
                try object.encode(fraction, forKey: .fraction)
                try object.encode([text, text], forKey: .texts)
                try object.encode([number], forKey: .numbers)
                try object.encode([flag], forKey: .flags)
                try object.encode([moment], forKey: .moments)
            }
        }
    }

    @Test("optionals present and nil, as keyed values and array elements, in answers and in JSON columns", arguments: [false, true])
    func optionals(convertingKeys: Bool) throws {
        let (streamed, foundation) = try both(Optionals(), convertingKeys: convertingKeys)
        #expect(streamed == foundation)
        #expect(streamed.contains(#""flag":null"#) && streamed.contains(#""flag":false"#) && streamed.contains(#""moment":"2026-11-18T"#))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try StreamingJSONEncoder.encodeForStorage(Optionals()), as: UTF8.self) == String(decoding: try encoder.encode(Optionals()), as: UTF8.self))
    }

    /// Nested containers asked for by hand, an empty object, `superEncoder`, and a value that encodes nothing.
    struct ByHand: Encodable {
        enum Keys: String, CodingKey { case zeta, alpha, inner, list, parent, nothing }
        enum InnerKeys: String, CodingKey { case b, a }
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("last", forKey: .zeta)
            var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode(2, forKey: .b)
            try inner.encode(1, forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("x")
            var object = list.nestedContainer(keyedBy: InnerKeys.self)
            try object.encodeNil(forKey: .a)
            _ = list.nestedContainer(keyedBy: InnerKeys.self)
            try list.encode(list.count)
            var parent = container.superEncoder(forKey: .parent).singleValueContainer()
            try parent.encode("parent")
            try container.encode(Nothing(), forKey: .nothing)
            try container.encode(true, forKey: .alpha)
            try container.encode("again", forKey: .zeta)  // a key written twice: the later value is kept
        }
    }

    @Test("containers asked for by hand, in any order", arguments: [false, true])
    func byHand(convertingKeys: Bool) throws {
        let (streamed, foundation) = try both(ByHand(), convertingKeys: convertingKeys)
        #expect(streamed == foundation)
        #expect(streamed.hasPrefix("{\"alpha\":true"))
        #expect(streamed.hasSuffix("\"zeta\":\"again\"}"))
    }

    @Test("the API envelope of a page, with a cursor and on the last page")
    func envelope() throws {
        for next in ["abc", nil] {
            let page = ListResponse(data: [Everything(), Everything()], next: next)
            let (streamed, foundation) = try both(page, convertingKeys: true)
            #expect(streamed == foundation)
        }
    }

    /// A type that writes another into its own object: two requests for a container on one encoder give one object.
    struct Flattened: Encodable {
        enum Keys: String, CodingKey { case name, zone }
        var counts = ["b": 2, "a": 1]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("flat", forKey: .name)
            try counts.encode(to: encoder)
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(Inner(), forKey: .zone)
        }
    }

    @Test("one object from two requests for a container on one encoder", arguments: [false, true])
    func flattened(convertingKeys: Bool) throws {
        let (streamed, foundation) = try both([Flattened(), Flattened()], convertingKeys: convertingKeys)
        #expect(streamed == foundation)
        #expect(streamed.hasPrefix(#"[{"a":1,"b":2,"name":"flat","#))
    }

    // MARK: What it does not write

    /// Writes to a nested container after its parent has moved on: legal for `Encodable`, and out of order for a stream.
    struct LateWriter: Encodable {
        enum Keys: String, CodingKey { case first, second }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var first = container.nestedUnkeyedContainer(forKey: .first)
            try container.encode(2, forKey: .second)
            try first.encode(1)
        }
    }

    /// Uses `Encodable` in ways `JSONEncoder` follows and a stream cannot: asks twice for the nested
    /// container of one key, or for a keyed container after writing an object through a single-value
    /// container (`JSONEncoder` merges the two), or writes through an encoder kept from an earlier key.
    struct NotStreamable: Encodable {
        enum Keys: String, CodingKey { case zone, count }
        enum Way: CaseIterable { case nestedTwice, unkeyedTwice, valueThenContainer, keptEncoder }
        let way: Way
        func encode(to encoder: any Encoder) throws {
            switch way {
            case .nestedTwice, .unkeyedTwice:
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .count)
                for n in 1...2 {
                    if way == .nestedTwice {
                        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .zone)
                        try nested.encode(n, forKey: n == 1 ? .count : .zone)
                    } else {
                        var nested = container.nestedUnkeyedContainer(forKey: .zone)
                        try nested.encode(n)
                    }
                }
            case .valueThenContainer:
                var value = encoder.singleValueContainer()
                try value.encode(["first": 1])
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(2, forKey: .count)
            case .keptEncoder:
                var container = encoder.container(keyedBy: Keys.self)
                let later = container.superEncoder(forKey: .zone)
                _ = container.superEncoder(forKey: .count)  // an empty object, under a later key
                var kept = later.container(keyedBy: Keys.self)
                try kept.encode(2, forKey: .zone)
            }
        }
    }

    @Test("what only JSONEncoder follows is refused, and the API encoding gives JSONEncoder's bytes", arguments: [
        (NotStreamable.Way.nestedTwice, #"[{"count":1,"zone":{"count":1,"zone":2}},null]"#),
        (.unkeyedTwice, #"[{"count":1,"zone":[1,2]},null]"#),
        (.valueThenContainer, #"[{"count":2,"first":1},null]"#),
        (.keptEncoder, #"[{"count":{},"zone":{"zone":2}},null]"#),
    ])
    func notStreamable(way: NotStreamable.Way, expected: String) throws {
        // Given such a value inside an array, beside another value
        let value: [NotStreamable?] = [NotStreamable(way: way), nil]
        // Then the streaming writer refuses it (before, it wrote the later container alone, two objects
        // side by side, or the kept encoder's object under the wrong key)
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(value, convertingKeys: true) }
        // And the API encoding falls back to JSONEncoder, whose bytes these are
        #expect(String(decoding: try JSONEncoder.api.encode(value), as: UTF8.self) == expected)
        #expect(String(decoding: try JSONEncoder.encodeAPI(value), as: UTF8.self) == expected)
    }

    @Test("a type it cannot stream is refused, and the API encoding falls back to JSONEncoder")
    func fallsBack() throws {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(LateWriter(), convertingKeys: true) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(Double.nan, convertingKeys: true) }
        let data = try JSONEncoder.encodeAPI(LateWriter())
        #expect(String(decoding: data, as: UTF8.self) == #"{"first":[1],"second":2}"#)
    }
}
