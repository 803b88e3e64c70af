import EngageDomain
import Foundation
import Testing

@Suite("Countries and UN regional groups")
struct CountryTests {
    @Test("the ISO 3166-1 list has its 249 assigned codes")
    func isoList() {
        #expect(Country.codes.count == 249)
        #expect(Country.isValid("AT"))
        #expect(Country.isValid("SS"))
        #expect(!Country.isValid("XK"))
        #expect(!Country.isValid("EU"))
        #expect(!Country.isValid("at"))
    }

    @Test("every one of the 193 Member States sits in exactly one regional group")
    func regionalGroups() {
        #expect(Country.memberStates.count == 193)
        let counts = Dictionary(grouping: Country.codes.compactMap(Country.region(of:)), by: { $0 }).mapValues(\.count)
        #expect(counts == [.africa: 54, .asiaPacific: 54, .easternEurope: 23, .latinAmericaCaribbean: 33, .westernEuropeOthers: 29])
    }

    @Test("regions of some countries", arguments: [
        ("KE", UNRegion.africa), ("JP", .asiaPacific), ("UA", .easternEurope), ("PE", .latinAmericaCaribbean),
        ("AT", .westernEuropeOthers), ("US", .westernEuropeOthers), ("TR", .westernEuropeOthers), ("CY", .asiaPacific),
    ])
    func regions(code: String, region: UNRegion) {
        #expect(Country.region(of: code) == region)
    }

    @Test("non-members and territories have no regional group", arguments: ["PS", "VA", "TW", "HK", "PR", "AQ"])
    func noRegion(code: String) {
        #expect(Country.isValid(code))
        #expect(Country.region(of: code) == nil)
    }

    @Test("every regional-group member is an assigned ISO code")
    func groupsUseValidCodes() {
        #expect(Country.memberStates.subtracting(Country.codes).isEmpty)
        for code in ["DZ", "KP", "KR", "MK", "SZ", "CD", "TL", "FM"] { #expect(Country.memberStates.contains(code), "\(code)") }
    }
}
