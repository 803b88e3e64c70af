/// What kind of meeting an event is.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case ccpcjSession = "ccpcj_session"
    case crimeCongress = "crime_congress"
    case copUntoc = "cop_untoc"
    case workingGroup = "working_group"
    case constructiveDialogue = "constructive_dialogue"
    case expertGroupMeeting = "expert_group_meeting"
    case sideEvent = "side_event"
    case webinar
    case other
}
