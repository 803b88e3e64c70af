@testable import EngageSQLite
import Foundation
import Testing

@Suite("Statements of filtered lists: cached up to a bound, the recurring ones first")
struct AdmittedQueriesTests {
    @Test("a text is admitted when seen again, and stays admitted")
    func secondSighting() {
        let queries = AdmittedQueries(capacity: 4, candidates: 8)
        #expect(queries.admit("SELECT 1") == false)
        #expect(queries.admit("SELECT 1"))
        #expect(queries.admit("SELECT 1"))
    }

    @Test("a thousand one-off texts leave the room to the texts that recur")
    func oneOffsPassThrough() {
        // Given room for four texts, and a thousand texts each seen once
        let queries = AdmittedQueries(capacity: 4, candidates: 8)
        for number in 1...1000 { #expect(queries.admit("SELECT \(number)") == false) }
        // When four other texts each come once, and then again
        let recurring = (1...4).map { "SELECT 'recurring', \($0)" }
        for text in recurring { _ = queries.admit(text) }
        // Then each is admitted the second time
        #expect(recurring.map(queries.admit) == [true, true, true, true])
    }

    @Test("beyond the bound a new text is compiled for its call, however often it comes; the admitted stay")
    func bounded() {
        let queries = AdmittedQueries(capacity: 2, candidates: 8)
        for text in ["SELECT 1", "SELECT 2", "SELECT 1", "SELECT 2"] { _ = queries.admit(text) }
        for _ in 1...3 { #expect(queries.admit("SELECT 3") == false) }
        #expect(queries.admit("SELECT 1"))
        #expect(queries.admit("SELECT 2"))
    }
}
