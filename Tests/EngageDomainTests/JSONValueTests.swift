import EngageDomain
import Foundation
import Testing

@Suite("A request body read into a JSON tree")
struct JSONValueTests {
    private func tree(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("every kind of value, nested, is read as what it is")
    func everyKind() throws {
        let value = try tree(#"{"s":"x","e":"","n":1.5,"i":-3,"t":true,"f":false,"z":null,"a":[1,"b",[],{},false,null],"o":{"k":[{"d":"0"}]}}"#)
        #expect(value == .object([
            "s": .string("x"), "e": .string(""), "n": .number(1.5), "i": .number(-3), "t": .bool(true), "f": .bool(false), "z": .null,
            "a": .array([.number(1), .string("b"), .array([]), .object([:]), .bool(false), .null]),
            "o": .object(["k": .array([.object(["d": .string("0")])])]),
        ]))
        #expect(try tree("[]") == .array([]))
        #expect(try tree(#""1""#) == .string("1"))
        #expect(try tree("1") == .number(1))
    }

    @Test("a number no Double can hold makes the document unreadable", arguments: ["1e400", #"{"a":[1e400]}"#])
    func outOfRange(text: String) {
        #expect(throws: DecodingError.self) { try tree(text) }
    }
}
