/// The five UN regional groups of Member States.
public enum UNRegion: String, Sendable, CaseIterable, Codable {
    case africa
    case asiaPacific = "asia_pacific"
    case easternEurope = "eastern_europe"
    case latinAmericaCaribbean = "latin_america_caribbean"
    case westernEuropeOthers = "western_europe_others"
}
