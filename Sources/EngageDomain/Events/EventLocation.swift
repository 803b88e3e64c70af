/// Where an in-person or hybrid meeting takes place.
public struct EventLocation: Sendable, Hashable {
    public var venue: String?
    public var city: String?
    public var country: String?

    public init(venue: String?, city: String?, country: String?) {
        self.venue = venue
        self.city = city
        self.country = country
    }

    /// Reads `{venue, city, country}`; one without any of them is no location (null).
    static func read(_ reader: inout ObjectReader) -> EventLocation? {
        let venue = reader.string("venue", maxLength: 200)
        let city = reader.string("city", maxLength: 100)
        let country = reader.country("country", allowNull: true)
        reader.rejectUnknownFields()
        let location = EventLocation(venue: venue.flatMap { $0.isEmpty ? nil : $0 }, city: city.flatMap { $0.isEmpty ? nil : $0 }, country: country)
        return location.venue == nil && location.city == nil && location.country == nil ? nil : location
    }
}
