import Foundation

/// An attendee's answer to a completed workshop's feedback form: a rating from 1 to 5 for each
/// learning objective (nil where it skipped one), and a comment. Counted in aggregates only; the
/// comments are shown to staff without the attendee's name.
public struct WorkshopFeedback: Sendable, Equatable {
    public var enrolmentID: EnrolmentID
    public var workshopID: WorkshopID
    /// One per objective, in the workshop's order.
    public var ratings: [Int?]
    public var comment: String?
    public var submittedAt: Date
    public var updatedAt: Date

    public init(enrolmentID: EnrolmentID, workshopID: WorkshopID, ratings: [Int?], comment: String?, submittedAt: Date, updatedAt: Date) {
        self.enrolmentID = enrolmentID
        self.workshopID = workshopID
        self.ratings = ratings
        self.comment = comment
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
    }
}

/// A validated feedback body: `{ratings: [1–5 or null, one per objective], comment}`.
public struct WorkshopFeedbackInput: Sendable, Equatable {
    public var ratings: [Int?]
    public var comment: String?

    public init(ratings: [Int?], comment: String?) {
        self.ratings = ratings
        self.comment = comment
    }

    /// Reads a body for a workshop with `objectives` learning objectives, naming every bad field.
    public static func parse(_ body: JSONValue, objectives: Int) throws(DomainError) -> WorkshopFeedbackInput {
        var reader = ObjectReader(body)
        var ratings: [Int?] = []
        switch reader.raw("ratings") {
        case nil:
            reader.fail("ratings", "is required: one rating from 1 to 5 (or null) for each of the \(objectives) objectives")
        case .array(let items)?:
            if items.count != objectives { reader.fail("ratings", "must have \(objectives) items, one per objective, in their order") }
            for (index, item) in items.prefix(objectives).enumerated() {
                switch item {
                case .null: ratings.append(nil)
                case .number(let value) where value == value.rounded() && (1...5).contains(value): ratings.append(Int(value))
                default: reader.fail("ratings[\(index)]", "must be a whole number from 1 to 5, or null")
                }
            }
        case let other?:
            reader.fail("ratings", "must be an array, got \(other.typeName)")
        }
        let comment = reader.string("comment", maxLength: 4_000, lineBreaks: true)
        reader.rejectUnknownFields()
        guard reader.errors.isEmpty else { throw .validation(reader.errors) }
        return WorkshopFeedbackInput(ratings: ratings, comment: comment?.isEmpty == true ? nil : comment)
    }
}
