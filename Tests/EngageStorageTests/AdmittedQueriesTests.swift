@testable import EngageSQLite
import Foundation
import Testing

@Suite("Statements of filtered lists: cached up to a bound")
struct AdmittedQueriesTests {
    @Test("texts are admitted until the bound; an admitted text stays admitted, a new one is compiled for its call")
    func bounded() {
        // Given: the admitted set filled with texts of its own (other tests may have admitted some already).
        let prefix = "SELECT 'admitted-queries-test', " + UUID().uuidString + ", "
        let first = prefix + "0"
        let firstIn = AdmittedQueries.admit(first)
        var admitted = firstIn ? 1 : 0
        for number in 1...AdmittedQueries.capacity { if AdmittedQueries.admit(prefix + String(number)) { admitted += 1 } }
        // Then: not every one of capacity + 1 texts got in, a new one is refused, and the first keeps its answer.
        #expect(admitted <= AdmittedQueries.capacity)
        #expect(AdmittedQueries.admit(prefix + "new") == false)
        #expect(AdmittedQueries.admit(first) == firstIn)
    }
}
