import Foundation

/// Writes an API value as JSON straight into bytes (`JSONSink`): the same bytes as `JSONEncoder.api`
/// (or `.apiExplicitKeys` for `SnakeCaseKeys` types), at a fraction of the cost, since Foundation's
/// encoder first builds a tree of boxed values and then serialises it, sorting every object's keys.
///
/// It also writes the JSON columns of the stores (`JSONText`), as `JSONEncoder` with only `.sortedKeys`
/// writes them: keys as spelt, dates as seconds since 2001, `/` escaped.
///
/// `StreamingJSONEncoderTests` holds the encoders to the same bytes, and debug builds compare them
/// on every response (`JSONEncoder.encodeAPI`) and every JSON column (`JSONText.encode`).
package struct StreamingJSONEncoder: Encoder {
    let sink: JSONSink
    /// Whether coding keys are converted to snake_case as `JSONEncoder.api` converts them.
    let convertsKeys: Bool
    /// Whether this value's own keys stay as they are: a string-keyed dictionary's, as in `JSONEncoder`.
    let keepsOwnKeys: Bool
    /// Which value this encoder writes: asked twice for a container, it gives the same one.
    let slot: Int

    /// An encoder for the next value written to `sink`.
    init(sink: JSONSink, convertsKeys: Bool, keepsOwnKeys: Bool = false) {
        self.sink = sink
        self.convertsKeys = convertsKeys
        self.keepsOwnKeys = keepsOwnKeys
        slot = sink.newSlot()
    }

    package var codingPath: [any CodingKey] { [] }
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The JSON of `value` as the API writes it; throws when the value cannot be written this way (the
    /// caller then uses `JSONEncoder`).
    package static func encode(_ value: some Encodable, convertingKeys: Bool) throws -> [UInt8] {
        let sink = JSONSink(style: .api)
        try StreamingJSONEncoder(sink: sink, convertsKeys: convertingKeys).encodeValue(value)
        return try sink.finish()
    }

    /// The JSON of `value` as a JSON column stores it (`JSONEncoder` with `.sortedKeys`); throws as `encode` does.
    package static func encodeForStorage(_ value: some Encodable) throws -> [UInt8] {
        let sink = JSONSink(style: .storage)
        try StreamingJSONEncoder(sink: sink, convertsKeys: false).encodeValue(value)
        return try sink.finish()
    }

    // MARK: Encoder

    package func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ObjectContainer<Key>(encoder: self, handle: sink.openObject(slot: slot)))
    }

    package func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ArrayContainer(encoder: self, handle: sink.openArray(slot: slot))
    }

    package func singleValueContainer() -> any SingleValueEncodingContainer {
        ValueContainer(encoder: self)
    }

    // MARK: Values

    private static let iso8601 = Date.ISO8601FormatStyle()

    /// Writes one value where the sink stands: the types `JSONEncoder` writes its own way first.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self {
            sink.write(value as! String)
        } else if let written = writeOptional(value) {
            if !written { sink.writeNull() }
        } else if T.self == Date.self, sink.style == .api {
            sink.write(Self.iso8601.format(value as! Date))
        } else if T.self == URL.self {
            sink.write((value as! URL).absoluteString)
        } else if T.self == Data.self {
            sink.write((value as! Data).base64EncodedString())
        } else if T.self == Decimal.self {
            sink.writeNumber((value as! Decimal).description)
        } else {
            // A stored date is its own `Encodable` (seconds since 2001), as `JSONEncoder` writes it by default.
            // Only when keys are converted: the cast costs more than anything else on this path.
            let keepsKeys = convertsKeys && value is any StringKeyedDictionary
            try value.encode(to: StreamingJSONEncoder(sink: sink, convertsKeys: convertsKeys, keepsOwnKeys: keepsKeys))
        }
    }

    /// The optionals the API's types hold most (`String?`, `Int?`, `Bool?`, and `Date?` in an answer),
    /// written without an encoder and a container for the `Optional` around them (9 % of an event
    /// list's time went there): true when written, false when nil (the caller writes `null`), nil for
    /// any other type.
    private func writeOptional<T>(_ value: T) -> Bool? {
        if T.self == String?.self {
            guard let string = value as! String? else { return false }
            sink.write(string)
        } else if T.self == Int?.self {
            guard let number = value as! Int? else { return false }
            sink.write(number)
        } else if T.self == Bool?.self {
            guard let flag = value as! Bool? else { return false }
            sink.write(flag)
        } else if T.self == Date?.self, sink.style == .api {
            guard let date = value as! Date? else { return false }
            sink.write(Self.iso8601.format(date))
        } else {
            return nil
        }
        return true
    }

    /// A coding key as the API spells it.
    func name(of key: some CodingKey) -> String {
        convertsKeys && !keepsOwnKeys ? SnakeCaseName.of(key.stringValue) : key.stringValue
    }
}

/// A dictionary keyed by strings, whose keys `JSONEncoder` does not convert.
protocol StringKeyedDictionary {}
extension Dictionary: StringKeyedDictionary where Key == String {}
