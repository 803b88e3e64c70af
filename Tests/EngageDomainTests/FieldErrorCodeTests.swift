import EngageDomain
import Foundation
import Testing

/// The code of each kind of error the object reader records, pinned: rewording a message must not change its code.
@Suite("Field-error codes")
struct FieldErrorCodeTests {
    private func codes(_ fields: [String: JSONValue], read: (inout ObjectReader) -> Void) -> [String: FieldErrorCode] {
        var reader = ObjectReader(.object(fields))
        read(&reader)
        reader.rejectUnknownFields()
        return Dictionary(uniqueKeysWithValues: reader.errors.map { ($0.field, $0.code) })
    }

    @Test("each reader error has its code")
    func readerCodes() {
        enum Colour: String, CaseIterable { case red, green }
        let found = codes([
            "lines": .string("two\nlines"), "empty": .string("  "), "long": .string(String(repeating: "x", count: 11)), "number": .number(7),
            "count": .string("7"), "range": .number(12), "colour": .string("blue"), "day": .string("31/12/2027"), "at": .string("tomorrow"),
            "zone": .string("Vienna"), "country": .string("XX"), "site": .string("ftp://x.example"), "flag": .string("yes"),
            "list": .array([.string("a"), .string("b"), .string("c")]), "nested": .number(1), "extra": .null,
        ]) { reader in
            _ = reader.string("missing", required: true)
            _ = reader.string("lines", maxLength: 100)
            _ = reader.string("empty", required: true)
            _ = reader.string("long", maxLength: 10)
            _ = reader.string("number", maxLength: 10)
            _ = reader.integer("count", in: 1...5)
            _ = reader.integer("range", in: 1...5)
            _ = reader.enumeration("colour", Colour.self)
            _ = reader.date("day")
            _ = reader.timestamp("at")
            _ = reader.timeZone("zone")
            _ = reader.country("country")
            _ = reader.nullableURL("site")
            _ = reader.bool("flag")
            _ = reader.stringArray("list", maxCount: 2)
            _ = reader.object("nested")
        }
        #expect(found == [
            "missing": .required, "lines": .invalidFormat, "empty": .required, "long": .tooLong, "number": .invalidType, "count": .invalidType, "range": .outOfRange,
            "colour": .invalidChoice, "day": .invalidFormat, "at": .invalidFormat, "zone": .invalidFormat,
            "country": .invalidFormat, "site": .invalidFormat, "flag": .invalidType, "list": .tooLong,
            "nested": .invalidType, "extra": .unknownField,
        ])
    }

    @Test("a rule's own wording gets its code; an explicit code wins; anything else is invalid")
    func ruleCodes() {
        #expect(FieldError(field: "members", message: "no stakeholder stk_1").code == .notFound)
        #expect(FieldError(field: "id", message: "is read-only").code == .readOnly)
        #expect(FieldError(field: "ends_on", message: "must not be before starts_on").code == .outOfRange)
        #expect(FieldError(field: "dates[0]", message: "must lie within the dates of evt_1").code == .outOfRange)
        #expect(FieldError(field: "event_types[0]", message: "is not an event type").code == .invalidChoice)
        #expect(FieldError(field: "kind", message: "must be one of: ngo, academia").code == .invalidChoice)
        #expect(FieldError(field: "ids", message: "names x twice", code: .duplicate).code == .duplicate)
        #expect(FieldError(field: "x", message: "a stakeholder cannot be a member of itself").code == .invalid)
    }
}
