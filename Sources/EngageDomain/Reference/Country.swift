/// ISO 3166-1 alpha-2 country codes, and the UN regional group each Member State sits in.
public enum Country {
    /// Every officially assigned ISO 3166-1 alpha-2 code (249).
    public static let codes: Set<String> = Set("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET \
        FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
        ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY \
        MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM \
        PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
        TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(separator: " ").map(String.init))

    /// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
    public static func isValid(_ code: String) -> Bool { codes.contains(code) }

    /// The UN regional group of a Member State; nil for non-members and territories.
    public static func region(of code: String) -> UNRegion? { regionByCountry[code] }

    // MARK: UN regional groups

    private static let regionByCountry: [String: UNRegion] = {
        let groups: [UNRegion: String] = [
            .africa: """
                DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU \
                MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW
                """,
            .asiaPacific: """
                AF BH BD BT BN KH CN CY FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP KP OM PK PW PG PH \
                QA KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE
                """,
            .easternEurope: "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MD PL RO RU RS SK SI MK UA",
            .latinAmericaCaribbean: """
                AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE
                """,
            .westernEuropeOthers: "AD AU AT BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US",
        ]
        var map: [String: UNRegion] = [:]
        for (region, list) in groups {
            for code in list.split(separator: " ") { map[String(code)] = region }
        }
        return map
    }()

    /// The UN Member States of the regional-group table.
    public static var memberStates: Set<String> { Set(regionByCountry.keys) }
}
