/// The fixed thematic vocabulary shared by stakeholders, initiatives and resources.
public enum Topic: String, Sendable, CaseIterable, Codable {
    case traffickingInPersons = "trafficking_in_persons"
    case smugglingOfMigrants = "smuggling_of_migrants"
    case firearms
    case cybercrime
    case corruption
    case moneyLaundering = "money_laundering"
    case drugTrafficking = "drug_trafficking"
    case organizedCrime = "organized_crime"
    case wildlifeCrime = "wildlife_crime"
    case terrorism
    case criminalJustice = "criminal_justice"
    case crimePrevention = "crime_prevention"
    case victimSupport = "victim_support"
}
