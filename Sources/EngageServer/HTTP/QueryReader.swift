import EngageDomain
import Foundation
import Hummingbird

/// Reads query parameters, collecting every bad one for a single 400 problem. A parameter the operation
/// does not read, or one given twice, is an error too: a filter that is silently ignored makes the caller
/// believe it filtered.
struct QueryReader {
    private let parameters: [String: String]
    private let repeated: [String]
    /// The parameters the operation asked for.
    private var known: Set<String> = []
    private(set) var errors: [FieldError] = []
    private let cursorSeal: CursorSeal
    /// What a cursor is bound to: the path and every parameter but `cursor`, `after` (the change feed's
    /// cursor) and `limit`, sorted.
    private var binding: String { path + "?" + filters }
    private let path: String
    private let filters: String

    init(_ request: Request, _ context: EngageRequestContext) {
        var values: [String: String] = [:]
        var repeated: [String] = []
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            if values[name] != nil, !repeated.contains(name) { repeated.append(name) }
            values[name] = String(value)
        }
        parameters = values
        self.repeated = repeated
        cursorSeal = context.cursorSeal
        path = EngageRequestContext.normalizedPath(request.uri.path)
        filters = values
            .filter { !["cursor", "after", "limit"].contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }
            .joined(separator: "&")
    }

    /// A parameter's value as sent (an empty value is a value: `?kind=` is not a valid kind).
    mutating func string(_ name: String) -> String? {
        known.insert(name)
        return parameters[name]
    }

    /// An enumeration parameter.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = E(rawValue: text) else {
            fail(name, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// An enumeration parameter that takes several values separated by commas, meaning any of them
    /// (`kind=ngo,academia`); empty when absent. Each value is checked; one named twice counts once.
    mutating func enumerations<E: RawRepresentable & CaseIterable & Equatable>(_ name: String, _ type: E.Type) -> [E] where E.RawValue == String {
        guard let text = string(name) else { return [] }
        var values: [E] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = E(rawValue: String(part)) else {
                fail(name, "must be one or more of \(E.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas")
                return []
            }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// An identifier parameter.
    mutating func identifier<ID: PrefixedIdentifier>(_ name: String, _ type: ID.Type) -> ID? {
        guard let text = string(name) else { return nil }
        guard let id = ID(rawValue: text) else {
            fail(name, "must be an identifier starting with \(ID.prefix)_")
            return nil
        }
        return id
    }

    /// An ISO 3166-1 alpha-2 country code.
    mutating func country(_ name: String) -> String? {
        guard let text = string(name) else { return nil }
        guard Country.isValid(text.uppercased()) else {
            fail(name, "must be an ISO 3166-1 alpha-2 country code")
            return nil
        }
        return text.uppercased()
    }

    /// Free text for a full-text search: nil when absent or empty, at most 200 characters.
    mutating func searchText(_ name: String) -> String? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard text.unicodeScalars.count <= 200 else {
            fail(name, "must be at most 200 characters")
            return nil
        }
        // No stored text holds a control character (bodies refuse them), so one here can match nothing; it
        // becomes U+FFFD, which PostgreSQL can compare (it refuses NUL) and both searches treat as a separator.
        guard ObjectReader.controlCharacterProblem(text, lineBreaks: false) != nil else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            ObjectReader.controlCharacterProblem(String($0), lineBreaks: false) == nil ? $0 : "\u{FFFD}"
        }))
    }

    /// A calendar date, `YYYY-MM-DD`.
    mutating func date(_ name: String) -> LocalDate? {
        guard let text = string(name) else { return nil }
        guard let date = LocalDate(iso: text) else {
            fail(name, "must be a date, YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// An RFC 3339 instant with an offset (`2027-01-10T09:00:00Z`).
    mutating func timestamp(_ name: String) -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            fail(name, "must be an RFC 3339 date-time with an offset, such as 2027-01-10T09:00:00Z")
            return nil
        }
        return date
    }

    /// `updated_since`: only what changed at or after the instant (inclusive, so a client that passes the
    /// newest `updated_at` it holds misses nothing changed in the same second).
    mutating func updatedSince() -> Date? {
        timestamp("updated_since")
    }

    /// `sort` (`created_at`, `updated_at`, either way) and `updated_since`, for the lists with no order of their own.
    mutating func recordFilter() -> RecordFilter {
        RecordFilter(order: order(RecordFilter.orders), updatedSince: updatedSince())
    }

    /// `sort`: one of the `allowed` fields, `-` before it for descending (`sort=-updated_at`). `relevance`
    /// without a query ranks nothing: the list keeps its default order.
    mutating func order(_ allowed: [ListOrder.Field]) -> ListOrder? {
        guard let text = string("sort") else { return nil }
        guard let order = ListOrder.parse(text, allowed: allowed) else {
            let values = allowed.flatMap { $0 == .relevance ? [$0.rawValue] : [$0.rawValue, "-" + $0.rawValue] }
            fail("sort", "must be one of: \(values.joined(separator: ", "))")
            return nil
        }
        return order
    }

    /// `limit` alone: the size of each first page in a resource that holds several lists (`GET /v1/me`).
    mutating func limit() -> Int {
        guard let text = string("limit") else { return PageRequest.defaultLimit }
        guard let limit = Int(text), (1...PageRequest.maximumLimit).contains(limit) else {
            fail("limit", "must be a whole number from 1 to \(PageRequest.maximumLimit)")
            return PageRequest.defaultLimit
        }
        return limit
    }

    /// `limit` and `cursor`.
    mutating func page() -> PageRequest {
        PageRequest(limit: limit(), after: position("cursor", of: "this list"))
    }

    /// `limit` and `after`: a position in the change feed, which names no page but a place to resume from.
    mutating func feedPage() -> PageRequest {
        PageRequest(limit: limit(), after: position("after", of: "the change feed"))
    }

    /// The position in the sealed cursor of parameter `name`; a cursor that does not open is an error.
    private mutating func position(_ name: String, of list: String) -> PageCursor? {
        guard let text = string(name) else { return nil }
        guard let position = cursorSeal.open(text, binding: binding) else {
            fail(name, "is not a cursor this API returned for \(list) with these filters")
            return nil
        }
        return position
    }

    /// The sealed position `feedPage` reads back: always given, so a reader can resume from where it stopped.
    func feedPosition(_ position: PageCursor) -> String {
        cursorSeal.seal(position, binding: binding)
    }

    /// The cursor to give for the next page: sealed to this list and its filters (nil on the last page).
    func next(_ position: PageCursor?) -> String? {
        position.map { cursorSeal.seal($0, binding: binding) }
    }

    /// The cursor of the next page of the list at `path`, with this request's filters: for a first page
    /// served inside another resource (`GET /v1/me`) that pages on at its own path.
    func next(_ position: PageCursor?, for path: String) -> String? {
        position.map { cursorSeal.seal($0, binding: path + "?" + filters) }
    }

    mutating func fail(_ name: String, _ message: String) {
        errors.append(FieldError(field: name, message: message))
    }

    /// Throws the 400 problem naming every bad value read so far (before an early refusal).
    func checkValues() throws {
        if !errors.isEmpty { throw Problem.invalidQuery(errors) }
    }

    /// Throws the 400 problem naming every bad parameter, if any: after every parameter has been read.
    func check() throws {
        var all = errors
        for name in repeated where known.contains(name) {
            all.append(FieldError(field: name, message: "must be given once"))
        }
        for name in parameters.keys.sorted() where !known.contains(name) {
            all.append(FieldError(field: name, message: "is not a parameter of this operation"))
        }
        if !all.isEmpty { throw Problem.invalidQuery(all) }
    }
}
