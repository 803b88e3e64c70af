import Foundation

// The three `Encodable` containers of `StreamingJSONEncoder`: each writes into the encoder's sink
// at once. The common scalar types have their own methods (no encoder is made for them); anything
// else goes through `StreamingJSONEncoder.encodeValue`.

// MARK: - Object

struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingJSONEncoder
    let handle: JSONSink.Handle
    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) -> Bool { encoder.sink.beginEntry(encoder.name(of: key), in: handle) }
    /// A key whose container (or encoder) the caller may ask for again: asked twice, it is refused (see `JSONSink.beginEntry`).
    private func beginNested(_ key: Key) -> Bool { encoder.sink.beginEntry(encoder.name(of: key), in: handle, once: true) }

    mutating func encodeNil(forKey key: Key) throws { if begin(key) { encoder.sink.writeNull() } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if begin(key) { encoder.sink.write(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if begin(key) { encoder.sink.write(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if begin(key) { encoder.sink.write(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if begin(key) { encoder.sink.write(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if begin(key) { try encoder.sink.write(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { if begin(key) { try encoder.encodeValue(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        _ = beginNested(key)
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _ = beginNested(key)
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = encoder.sink.beginEntry(encoder.name(of: SuperKey.super), in: handle, once: true)
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = beginNested(key)
        return child
    }

    private var child: StreamingJSONEncoder { StreamingJSONEncoder(sink: encoder.sink, convertsKeys: encoder.convertsKeys) }
}

/// The key `superEncoder()` writes under, as in `JSONEncoder`.
private enum SuperKey: String, CodingKey { case `super` }

// MARK: - Array

struct ArrayContainer: UnkeyedEncodingContainer {
    let encoder: StreamingJSONEncoder
    let handle: JSONSink.Handle
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.sink.count(in: handle) }

    private func begin() -> Bool { encoder.sink.beginElement(in: handle) }

    mutating func encodeNil() throws { if begin() { encoder.sink.writeNull() } }
    mutating func encode(_ value: Bool) throws { if begin() { encoder.sink.write(value) } }
    mutating func encode(_ value: String) throws { if begin() { encoder.sink.write(value) } }
    mutating func encode(_ value: Int) throws { if begin() { encoder.sink.write(value) } }
    mutating func encode(_ value: Double) throws { if begin() { try encoder.sink.write(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { if begin() { try encoder.encodeValue(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        _ = begin()
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = begin()
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = begin()
        return child
    }

    private var child: StreamingJSONEncoder { StreamingJSONEncoder(sink: encoder.sink, convertsKeys: encoder.convertsKeys) }
}

// MARK: - Single value

struct ValueContainer: SingleValueEncodingContainer {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { [] }
    private var sink: JSONSink { encoder.sink }

    mutating func encodeNil() throws { sink.writeNull() }
    mutating func encode(_ value: Bool) throws { sink.write(value) }
    mutating func encode(_ value: String) throws { sink.write(value) }
    mutating func encode(_ value: Double) throws { try sink.write(value) }
    mutating func encode(_ value: Float) throws { try sink.write(value) }
    mutating func encode(_ value: Int) throws { sink.write(value) }
    mutating func encode(_ value: Int8) throws { sink.write(value) }
    mutating func encode(_ value: Int16) throws { sink.write(value) }
    mutating func encode(_ value: Int32) throws { sink.write(value) }
    mutating func encode(_ value: Int64) throws { sink.write(value) }
    mutating func encode(_ value: UInt) throws { sink.write(value) }
    mutating func encode(_ value: UInt8) throws { sink.write(value) }
    mutating func encode(_ value: UInt16) throws { sink.write(value) }
    mutating func encode(_ value: UInt32) throws { sink.write(value) }
    mutating func encode(_ value: UInt64) throws { sink.write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
