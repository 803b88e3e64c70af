import Foundation

/// The bytes of one JSON document being written, and the containers still open in it.
///
/// `StreamingJSONEncoder` writes every value the moment `Encodable` hands it over. `Encoder` never
/// says when a container is finished, so a container stays open until its parent writes its next
/// entry or is finished itself; the document's end finishes everything. An object's entries are
/// written in the order its type encodes them and put in key order when it is finished, as
/// `JSONEncoder`'s `.sortedKeys` orders them.
///
/// One sink writes one document on one thread and none of its methods calls back out, so no two
/// accesses to its state can overlap: its three hot properties skip Swift's run-time exclusivity
/// checks (`@exclusivity(unchecked)`), which were about 8 % of a 50-row list's time.
final class JSONSink {
    /// Whose bytes to match.
    enum Style {
        /// `JSONEncoder.api` and `.apiExplicitKeys`: dates in ISO 8601, `/` as it is.
        case api
        /// `JSONEncoder` with `.sortedKeys` alone (`JSONText`'s columns): dates as seconds since 2001, `/` escaped.
        case storage
    }

    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    let style: Style

    /// An open container as its `Encoder` container holds it: where it sits, and which one it is.
    struct Handle {
        let depth: Int
        let id: Int
    }

    private struct Frame {
        var id: Int
        /// The encoder that opened it (`StreamingJSONEncoder.slot`).
        var slot: Int
        var isObject: Bool
        /// Where the container's first entry starts (just after `{` or `[`).
        var start: Int
        /// The index of the container's first entry in `entries` (objects only).
        var firstEntry: Int
        var count = 0
        /// Where the container's latest value starts: if nothing is written there, it is an empty object.
        var valueStart = 0
        /// The first encoder slot made after the latest value began: an encoder with a lower one was made
        /// for an earlier value (a `superEncoder` kept for later), and may not write here.
        var valueSlot = 0
    }

    /// Open containers, innermost last.
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// The key and the start of every entry of the open objects, shared so that no object allocates its own.
    @exclusivity(unchecked) private var entries: [(key: String, start: Int)] = []
    private var opened = 0
    /// Key orders learnt in this document (`knownOrder`), the most recent last.
    private var knownOrders: [(keys: [String], order: [Int])] = []
    private var slots = 0
    /// Set when the value uses `Encodable` in a way this writer does not follow (a container written to
    /// after it was finished, an encoder used after its place has passed, a container `JSONEncoder`
    /// would merge with another): `finish()` then throws, and the caller encodes with `JSONEncoder` instead.
    private var misused = false

    init(style: Style) {
        self.style = style
        bytes.reserveCapacity(style == .api ? 4096 : 256)
    }

    // MARK: Containers

    /// A new number for an encoder, so that its containers can be found again.
    func newSlot() -> Int {
        slots += 1
        return slots
    }

    /// Opens an object for the encoder `slot`, or returns the one it opened before, still open: an
    /// encoder asked twice for a container (a type that encodes another into its own object) gives one
    /// object. Its container passes the handle back on every entry.
    func openObject(slot: Int) -> Handle { open(isObject: true, slot: slot) }

    /// Opens an array for the encoder `slot`, or returns the one it opened before, still open.
    func openArray(slot: Int) -> Handle { open(isObject: false, slot: slot) }

    private func open(isObject: Bool, slot: Int) -> Handle {
        if let depth = frames.lastIndex(where: { $0.slot == slot }), frames[depth].isObject == isObject {
            return Handle(depth: depth, id: frames[depth].id)
        }
        // A new container starts a value where nothing is written yet, by an encoder made for that value;
        // after a value written through a single-value container (which `JSONEncoder` would merge with
        // this one), or by an encoder made for an earlier place, it is unsupported.
        guard bytes.count == (frames.last?.valueStart ?? 0), slot >= (frames.last?.valueSlot ?? 0) else {
            misused = true
            return Handle(depth: -1, id: -1)
        }
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        opened += 1
        frames.append(Frame(id: opened, slot: slot, isObject: isObject, start: bytes.count, firstEntry: entries.count))
        return Handle(depth: frames.count - 1, id: opened)
    }

    /// Starts the entry `key` of an open object: its value is written next. False when the object was
    /// already finished, or when `once` and the object has the key already (a nested container asked for
    /// twice, which `JSONEncoder` merges into one and this writer does not); the document is then refused.
    func beginEntry(_ key: String, in handle: Handle, once: Bool = false) -> Bool {
        guard begin(handle) else { return false }
        if once, entries[frames[handle.depth].firstEntry...].contains(where: { $0.key == key }) {
            misused = true
            return false
        }
        entries.append((key, bytes.count))
        write(key)
        bytes.append(UInt8(ascii: ":"))
        frames[handle.depth].valueStart = bytes.count
        frames[handle.depth].valueSlot = slots + 1
        return true
    }

    /// Starts the next element of an open array; false when the array was already finished.
    func beginElement(in handle: Handle) -> Bool {
        guard begin(handle) else { return false }
        frames[handle.depth].valueStart = bytes.count
        frames[handle.depth].valueSlot = slots + 1
        return true
    }

    private func begin(_ handle: Handle) -> Bool {
        guard frames.indices.contains(handle.depth), frames[handle.depth].id == handle.id else {
            misused = true
            return false
        }
        settle(handle.depth)
        if frames[handle.depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[handle.depth].count += 1
        return true
    }

    /// The number of elements written so far in an array (as many as it ended with once finished).
    func count(in handle: Handle) -> Int {
        frames.indices.contains(handle.depth) && frames[handle.depth].id == handle.id ? frames[handle.depth].count : 0
    }

    /// Finishes every container (the end of the document) and returns the document.
    func finish() throws -> [UInt8] {
        while let depth = frames.indices.last { close(depth) }
        guard !bytes.isEmpty, !misused else {
            throw EncodingError.invalidValue((), .init(codingPath: [], debugDescription: "A value this writer does not support."))
        }
        return bytes
    }

    /// Finishes the containers inside the one at `depth`, and gives its latest value `{}` if nothing was written for it.
    private func settle(_ depth: Int) {
        while frames.count > depth + 1 { close(frames.count - 1) }
        if frames[depth].count > 0, bytes.count == frames[depth].valueStart { bytes.append(contentsOf: "{}".utf8) }
    }

    private func close(_ depth: Int) {
        settle(depth)
        let frame = frames.removeLast()
        guard frame.isObject else { return bytes.append(UInt8(ascii: "]")) }
        sortEntries(of: frame)
        entries.removeSubrange(frame.firstEntry...)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Puts an object's entries in key order (byte order of the UTF-8 keys); of two entries with one key, the later is kept.
    private func sortEntries(of frame: Frame) {
        let own = entries[frame.firstEntry...]
        guard own.count > 1 else { return }
        let order = knownOrder(of: own) ?? learnOrder(of: own)
        guard order.count != own.count || !order.elementsEqual(0..<own.count) else { return }
        let end = bytes.count
        var sorted: [UInt8] = []
        sorted.reserveCapacity(end - frame.start)
        for offset in order {
            let index = frame.firstEntry + offset
            if !sorted.isEmpty { sorted.append(UInt8(ascii: ",")) }
            let entryEnd = index + 1 < entries.count ? entries[index + 1].start - 1 : end
            sorted.append(contentsOf: bytes[entries[index].start..<entryEnd])
        }
        bytes.replaceSubrange(frame.start..<end, with: sorted)
    }

    /// The order of a key sequence seen before in this document: a page's objects of one type share it.
    private func knownOrder(of own: ArraySlice<(key: String, start: Int)>) -> [Int]? {
        knownOrders.first { known in known.keys.count == own.count && zip(known.keys, own).allSatisfy { $0 == $1.key } }?.order
    }

    /// Sorts a key sequence and remembers its order (entry offsets, sorted; a key written twice only at its last).
    private func learnOrder(of own: ArraySlice<(key: String, start: Int)>) -> [Int] {
        let keys = own.map(\.key)
        let sorted = keys.indices.sorted { a, b in keys[a] == keys[b] ? a < b : keys[a].utf8.lexicographicallyPrecedes(keys[b].utf8) }
        let order = sorted.indices.filter { $0 + 1 == sorted.count || keys[sorted[$0 + 1]] != keys[sorted[$0]] }.map { sorted[$0] }
        if knownOrders.count == 8 { knownOrders.removeFirst() }
        knownOrders.append((keys, order))
        return order
    }

    // MARK: Values

    func writeNull() { bytes.append(contentsOf: "null".utf8) }

    func write(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    func write(_ value: some BinaryInteger) { bytes.append(contentsOf: String(value).utf8) }

    /// A number as `JSONEncoder` writes it: Swift's shortest form, without a trailing `.0`; NaN and the infinities are refused.
    func write<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not a JSON number."))
        }
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// A string, quoted, with `"`, `\` and the control characters escaped (and `/` in the storage style);
    /// non-ASCII as it is.
    func write(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        let escapesSlash = style == .storage
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || (escapesSlash && $0 == UInt8(ascii: "/")) }) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 { escape(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
        case UInt8(ascii: "/") where style == .storage: bytes.append(contentsOf: "\\/".utf8)
        case 0x08: bytes.append(contentsOf: "\\b".utf8)
        case 0x0C: bytes.append(contentsOf: "\\f".utf8)
        case UInt8(ascii: "\n"): bytes.append(contentsOf: "\\n".utf8)
        case UInt8(ascii: "\r"): bytes.append(contentsOf: "\\r".utf8)
        case UInt8(ascii: "\t"): bytes.append(contentsOf: "\\t".utf8)
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }
}

extension JSONSink {
    /// A number already in its JSON form (a `Decimal`'s description).
    func writeNumber(_ text: String) { bytes.append(contentsOf: text.utf8) }
}
