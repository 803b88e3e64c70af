import EngageDomain

/// The envelope of every list: `{"data": [...], "next_cursor": "..." | null}`.
struct ListResponse<Item: Encodable & Sendable>: Encodable, Sendable {
    var data: [Item]
    var nextCursor: String?

    /// `next` is the sealed cursor of the next page (`QueryReader.next`), nil on the last page.
    init(data: [Item], next: String?) {
        self.data = data
        nextCursor = next
    }

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)  // null, not absent, on the last page
    }
}

extension ListResponse: SnakeCaseKeys where Item: SnakeCaseKeys {}
extension ListResponse: TaggedByContent {}
