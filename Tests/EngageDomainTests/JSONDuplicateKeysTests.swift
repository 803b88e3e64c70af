import EngageDomain
import Foundation
import Testing

@Suite("Repeated keys in JSON bodies")
struct JSONDuplicateKeysTests {
    @Test("a repeated key is found, with the path of its object", arguments: [
        (#"{"name": "a", "name": "b"}"#, "name"),
        (#"{"contact": {"email": "a@x.org", "email": "b@x.org"}}"#, "contact.email"),
        (#"{"name": "a", "n\u0061me": "b"}"#, "name"),
        (#"{"list": [{"a": 1}, {"a": 2, "a": 3}]}"#, "list.a"),
        ("{\"name\" : 1,\n \"name\"\t: 2}", "name"),
    ])
    func found(body: String, key: String) {
        #expect(JSONDuplicateKeys.first(in: Data(body.utf8)) == key)
    }

    @Test("the same key in different objects, in strings, or escaped quotes is no repeat", arguments: [
        #"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#,
        #"{"text": "\"name\": 1, \"name\": 2", "name": "x"}"#,
        #"{"a:": 1, "a": 2}"#,
        #"[1, 2, {"x": "}{"}]"#,
    ])
    func none(body: String) {
        #expect(JSONDuplicateKeys.first(in: Data(body.utf8)) == nil)
    }
}
