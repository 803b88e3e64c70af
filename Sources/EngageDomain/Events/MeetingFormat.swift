/// How people take part in a meeting.
public enum MeetingFormat: String, Sendable, CaseIterable, Codable {
    case inPerson = "in_person"
    case online
    case hybrid
}
