import EngageDomain
import Foundation
import Testing

@Suite("Labels of the reference vocabularies in the six UN languages")
struct ReferenceLabelsTests {
    @Test("every code of every vocabulary has a non-empty label in each of the six languages", arguments: ReferenceLabels.Vocabulary.allCases)
    func complete(vocabulary: ReferenceLabels.Vocabulary) throws {
        let codes = ReferenceLabels.codes(of: vocabulary)
        #expect(!codes.isEmpty)
        for code in codes {
            let text = try #require(ReferenceLabels.label(vocabulary, code), "\(vocabulary) \(code) has no label")
            #expect(text.languages == UNLanguage.allCases, "\(vocabulary) \(code) lacks \(Set(UNLanguage.allCases).subtracting(text.languages))")
            for (language, label) in text.values {
                #expect(label == label.trimmingCharacters(in: .whitespacesAndNewlines) && !label.isEmpty, "\(vocabulary) \(code) \(language)")
                #expect(label != code, "\(vocabulary) \(code) \(language) is the code itself")
            }
        }
    }

    /// So that a case added to an enumeration without its labels fails here.
    @Test("the vocabularies are the enumerations' cases and the ISO list")
    func codes() {
        #expect(ReferenceLabels.codes(of: .countries) == Country.codes.sorted())
        #expect(ReferenceLabels.codes(of: .regions) == UNRegion.allCases.map(\.rawValue))
        #expect(ReferenceLabels.codes(of: .topics) == Topic.allCases.map(\.rawValue))
        #expect(ReferenceLabels.codes(of: .stakeholderKinds) == StakeholderKind.allCases.map(\.rawValue))
        #expect(ReferenceLabels.codes(of: .eventKinds) == EventKind.allCases.map(\.rawValue))
        #expect(Topic.allCases.count == 13 && UNRegion.allCases.count == 5)
        #expect(ReferenceLabels.label(.topics, "poaching") == nil)
        #expect(ReferenceLabels.label(.countries, "XK") == nil)
        #expect(ReferenceLabels.label(.countries, "fj") == nil)
    }

    @Test("labels within a vocabulary are distinct in each language")
    func distinct() {
        for vocabulary in ReferenceLabels.Vocabulary.allCases {
            for language in UNLanguage.allCases {
                let labels = ReferenceLabels.codes(of: vocabulary).compactMap { ReferenceLabels.label(vocabulary, $0)?.values[language] }
                #expect(Set(labels).count == labels.count, "\(vocabulary) has a label twice in \(language)")
            }
        }
    }

    @Test("the UN's terminology", arguments: [
        (ReferenceLabels.Vocabulary.topics, "trafficking_in_persons", [
            UNLanguage.ar: "الاتجار بالأشخاص", .zh: "贩运人口", .en: "Trafficking in persons", .fr: "Traite des personnes",
            .ru: "Торговля людьми", .es: "Trata de personas",
        ]),
        (.topics, "smuggling_of_migrants", [
            .ar: "تهريب المهاجرين", .zh: "偷运移民", .en: "Smuggling of migrants", .fr: "Trafic illicite de migrants",
            .ru: "Незаконный ввоз мигрантов", .es: "Tráfico ilícito de migrantes",
        ]),
        (.regions, "western_europe_others", [
            .ar: "دول أوروبا الغربية ودول أخرى", .zh: "西欧和其他国家", .en: "Western European and other States",
            .fr: "États d’Europe occidentale et autres États", .ru: "Западноевропейские и другие государства",
            .es: "Estados de Europa Occidental y otros Estados",
        ]),
    ])
    func terminology(vocabulary: ReferenceLabels.Vocabulary, code: String, expected: [UNLanguage: String]) {
        #expect(ReferenceLabels.label(vocabulary, code)?.values == expected)
    }

    @Test("the Commission's session carries the Commission's official name in each language")
    func commission() throws {
        let session = try #require(ReferenceLabels.label(.eventKinds, "ccpcj_session")).values
        #expect(session[.en]?.contains("Commission on Crime Prevention and Criminal Justice") == true)
        #expect(session[.fr]?.contains("Commission pour la prévention du crime et la justice pénale") == true)
        #expect(session[.es]?.contains("Comisión de Prevención del Delito y Justicia Penal") == true)
        #expect(session[.ru]?.contains("Комиссии по предупреждению преступности и уголовному правосудию") == true)
        #expect(session[.ar]?.contains("لجنة منع الجريمة والعدالة الجنائية") == true)
        #expect(session[.zh]?.contains("预防犯罪和刑事司法委员会") == true)
    }

    @Test("country names come from CLDR, China as the UN names it")
    func countries() throws {
        let fiji = try #require(ReferenceLabels.label(.countries, "FJ")).values
        #expect(fiji == [.ar: "فيجي", .zh: "斐济", .en: "Fiji", .fr: "Fidji", .ru: "Фиджи", .es: "Fiyi"])
        let china = try #require(ReferenceLabels.label(.countries, "CN")).values
        #expect(china == [.ar: "الصين", .zh: "中国", .en: "China", .fr: "Chine", .ru: "Китай", .es: "China"])
    }

    @Test("where CLDR departs from the UN, the UN's names (M49 / UNTERM) in the six languages", arguments: [
        ("PS", [UNLanguage.ar: "دولة فلسطين", .zh: "巴勒斯坦国", .en: "State of Palestine", .fr: "État de Palestine",
                .ru: "Государство Палестина", .es: "Estado de Palestina"]),
        ("TW", [.ar: "تايوان، مقاطعة صينية", .zh: "中国台湾省", .en: "Taiwan, Province of China", .fr: "Taïwan, province de Chine",
                .ru: "Тайвань, провинция Китая", .es: "Taiwán, provincia de China"]),
        ("HK", [.ar: "الصين، منطقة هونغ كونغ الإدارية الخاصة", .zh: "中国香港特别行政区",
                .en: "China, Hong Kong Special Administrative Region", .fr: "Chine, région administrative spéciale de Hong Kong",
                .ru: "Китай, Специальный административный район Гонконг", .es: "China, región administrativa especial de Hong Kong"]),
        ("MO", [.ar: "الصين، منطقة ماكاو الإدارية الخاصة", .zh: "中国澳门特别行政区",
                .en: "China, Macao Special Administrative Region", .fr: "Chine, région administrative spéciale de Macao",
                .ru: "Китай, Специальный административный район Макао", .es: "China, región administrativa especial de Macao"]),
        ("CD", [.ar: "جمهورية الكونغو الديمقراطية", .zh: "刚果民主共和国", .en: "Democratic Republic of the Congo",
                .fr: "République démocratique du Congo", .ru: "Демократическая Республика Конго", .es: "República Democrática del Congo"]),
    ])
    func unNames(code: String, expected: [UNLanguage: String]) {
        #expect(ReferenceLabels.label(.countries, code)?.values == expected)
    }

    @Test("Member States by their UN short names, not CLDR's informal ones")
    func unShortNames() throws {
        let russia = try #require(ReferenceLabels.label(.countries, "RU")).values
        #expect(russia[.en] == "Russian Federation" && russia[.fr] == "Fédération de Russie")
        let korea = try #require(ReferenceLabels.label(.countries, "KR")).values
        #expect(korea[.en] == "Republic of Korea" && korea[.fr] == "République de Corée")
        let vietNam = try #require(ReferenceLabels.label(.countries, "VN")).values
        #expect(vietNam[.en] == "Viet Nam" && vietNam[.fr] == "Viet Nam")
    }
}
