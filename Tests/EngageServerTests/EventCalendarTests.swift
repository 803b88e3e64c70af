import Foundation
import HTTPTypes
import Testing

@Suite("Events: iCalendar feeds")
struct EventCalendarTests {
    @Test("a URL or text that would break out of its calendar line is refused at the door, and nothing is stored", arguments: [
        ["online_url": "https://a.example/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nSUMMARY:Forged"],
        ["online_url": "https://a.example/\nEND:VCALENDAR"],
        ["title": "Meeting\u{0B}\u{0C}\u{1B}[2J"],
        ["title": "Meeting\u{85}END:VEVENT"],
    ])
    func injection(fields: [String: String]) async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event(fields))
            #expect(response.status == .unprocessableContent)
            #expect(try response.problemFields() == Array(fields.keys))
            #expect(try await app.count("event") == 0)
            // The public feed is intact
            let feed = try await app.send(.get, "/v1/events.ics").bodyText
            #expect(feed.components(separatedBy: "BEGIN:VEVENT").count == 1 && feed.hasSuffix("END:VCALENDAR\r\n"))
        }
    }

    @Test("the feed holds dated events as all-day entries, cancelled ones marked, undated ones left out")
    func feed() async throws {
        try await TestHarness.run { app in
            let dated = try await app.createEvent([
                "title": "Expert group meeting; trafficking, smuggling and a rather long title that must be folded across lines",
                "description": "Line one\nLine two, with a comma",
            ])
            let cancelled = try await app.createEvent(["title": "Cancelled meeting", "starts_on": "2027-11-01", "ends_on": "2027-11-01"])
            let undated = try await app.createEvent(["title": "Undated meeting", "starts_on": NSNull(), "ends_on": NSNull()])
            _ = try await app.lifecycle(cancelled["id"] as! String, "cancel", ["reason": "Funding"])

            let response = try await app.send(.get, "/v1/events.ics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = response.bodyText
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            // Every content line is at most 75 octets, CRLF-terminated
            let lines = text.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("UID:\(dated["id"] as! String)@engage"))
            #expect(unfolded.contains("DTSTART;VALUE=DATE:20271011"))
            #expect(unfolded.contains("DTEND;VALUE=DATE:20271016"))   // the day after the last day
            #expect(unfolded.contains("SUMMARY;LANGUAGE=en:Expert group meeting\\; trafficking\\, smuggling"))
            #expect(unfolded.contains("DESCRIPTION;LANGUAGE=en:Line one\\nLine two\\, with a comma"))
            #expect(unfolded.contains("STATUS:CANCELLED"))
            #expect(!unfolded.contains(undated["id"] as! String))
            #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count == 3)

            // With the list filters
            let filtered = try await app.send(.get, "/v1/events.ics?status=cancelled").bodyText
            #expect(filtered.components(separatedBy: "BEGIN:VEVENT").count == 2)
            #expect(try await app.send(.get, "/v1/events.ics?from=someday").isProblem(400))

            // One event
            let single = try await app.send(.get, "/v1/events/\(dated["id"] as! String)/calendar.ics")
            #expect(single.status == .ok)
            #expect(single.bodyText.components(separatedBy: "BEGIN:VEVENT").count == 2)
            #expect(try await app.send(.get, "/v1/events/evt_00000000000000000000/calendar.ics").isProblem(404))
        }
    }

    @Test("a rescheduled event keeps its UID and raises its SEQUENCE")
    func stableUID() async throws {
        try await TestHarness.run { app in
            let id = try await app.createEvent()["id"] as! String
            let before = try await app.send(.get, "/v1/events/\(id)/calendar.ics").bodyText
            #expect(before.contains("SEQUENCE:0"))
            _ = try await app.lifecycle(id, "reschedule", ["starts_on": "2028-01-10", "ends_on": "2028-01-11"])
            let after = try await app.send(.get, "/v1/events/\(id)/calendar.ics").bodyText
            #expect(after.contains("UID:\(id)@engage"))
            #expect(after.contains("SEQUENCE:1"))
            #expect(after.contains("DTSTART;VALUE=DATE:20280110"))
        }
    }
}
