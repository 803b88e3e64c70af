/// A participant's gender, when given: used only in aggregate figures (the donors of gender-responsive
/// projects ask for them), never shown in lists, CSV files or notifications.
public enum Gender: String, Sendable, CaseIterable, Codable {
    case female, male, other, undisclosed
}
