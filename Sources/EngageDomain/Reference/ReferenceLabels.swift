import Foundation

/// The labels, in the six UN languages, of the fixed vocabularies a form offers: countries, UN regional groups,
/// topics, kinds of stakeholder and kinds of event.
///
/// Country names come from the CLDR data of the system's Foundation (ICU), computed once, with the UN's own names
/// where CLDR departs from them (`countryNames`); the other labels are written here, in the terminology of the
/// United Nations' own documents in each language (the regional groups as elections name them, the Commission,
/// Congress and Conference as their official titles, the offences as the Palermo Convention and its Protocols name
/// them).
public enum ReferenceLabels {
    /// A vocabulary: what `/v1/reference/{vocabulary}` lists.
    public enum Vocabulary: String, Sendable, CaseIterable {
        case countries
        case regions
        case topics
        case stakeholderKinds = "stakeholder-kinds"
        case eventKinds = "event-kinds"
    }

    /// Every code of a vocabulary: countries in code order, the others in the order of their enumeration.
    public static func codes(of vocabulary: Vocabulary) -> [String] {
        switch vocabulary {
        case .countries: Country.codes.sorted()
        case .regions: UNRegion.allCases.map(\.rawValue)
        case .topics: Topic.allCases.map(\.rawValue)
        case .stakeholderKinds: StakeholderKind.allCases.map(\.rawValue)
        case .eventKinds: EventKind.allCases.map(\.rawValue)
        }
    }

    /// The label of `code` in every language it has (all six for every code of the vocabulary), or nil when
    /// `code` is not one of the vocabulary.
    public static func label(_ vocabulary: Vocabulary, _ code: String) -> LocalizedText? {
        switch vocabulary {
        case .countries: countries[code]
        case .regions: UNRegion(rawValue: code).map { text(regions[$0]) }
        case .topics: Topic(rawValue: code).map { text(topics[$0]) }
        case .stakeholderKinds: StakeholderKind(rawValue: code).map { text(stakeholderKinds[$0]) }
        case .eventKinds: EventKind(rawValue: code).map { text(eventKinds[$0]) }
        }
    }

    /// Six labels in the UN's order (ar, zh, en, fr, ru, es); a case without its row has none.
    private static func text(_ row: [String]?) -> LocalizedText {
        guard let row, row.count == UNLanguage.allCases.count else { return LocalizedText([:]) }
        return LocalizedText(Dictionary(uniqueKeysWithValues: zip(UNLanguage.allCases, row)))
    }

    // MARK: Countries

    /// Every ISO 3166-1 code's name in the six languages, from CLDR: built once, on first use.
    private static let countries: [String: LocalizedText] = {
        let locales = UNLanguage.allCases.map { ($0, Locale(identifier: $0.rawValue)) }
        var table: [String: LocalizedText] = [:]
        for code in Country.codes {
            var values: [UNLanguage: String] = [:]
            for (language, locale) in locales {
                // ICU answers the code itself for a region it has no name for: that is no label.
                if let name = countryNames[code]?[language] ?? locale.localizedString(forRegionCode: code), name != code {
                    values[language] = name
                }
            }
            table[code] = LocalizedText(values)
        }
        return table
    }()

    /// Where the platform's names depart from the UN's, the UN's names (UNSD M49 / UNTERM short names): Apple's
    /// ICU data, which Foundation ships on Linux too, names CN "China mainland" ("Chine continentale", "中国大陆" …),
    /// PS "Palestinian Territories", TW plain "Taiwan", and many Member States by informal or hyphenated forms
    /// ("Congo - Kinshasa", "South Korea", "Russia", "Bosnia & Herzegovina" …). A language left out of a row keeps
    /// CLDR's name, either because CLDR already gives the UN's or because the UN's official form in that language
    /// was not confirmed here.
    private static let countryNames: [String: [UNLanguage: String]] = [
        "CN": [.ar: "الصين", .zh: "中国", .en: "China", .fr: "Chine", .ru: "Китай", .es: "China"],
        // Politically sensitive entries, as the UN system names them
        "PS": [.ar: "دولة فلسطين", .zh: "巴勒斯坦国", .en: "State of Palestine", .fr: "État de Palestine",
               .ru: "Государство Палестина", .es: "Estado de Palestina"],
        "HK": [.ar: "الصين، منطقة هونغ كونغ الإدارية الخاصة", .zh: "中国香港特别行政区",
               .en: "China, Hong Kong Special Administrative Region", .fr: "Chine, région administrative spéciale de Hong Kong",
               .ru: "Китай, Специальный административный район Гонконг", .es: "China, región administrativa especial de Hong Kong"],
        "MO": [.ar: "الصين، منطقة ماكاو الإدارية الخاصة", .zh: "中国澳门特别行政区",
               .en: "China, Macao Special Administrative Region", .fr: "Chine, région administrative spéciale de Macao",
               .ru: "Китай, Специальный административный район Макао", .es: "China, región administrativa especial de Macao"],
        "TW": [.ar: "تايوان، مقاطعة صينية", .zh: "中国台湾省", .en: "Taiwan, Province of China", .fr: "Taïwan, province de Chine",
               .ru: "Тайвань, провинция Китая", .es: "Taiwán, provincia de China"],
        // Member States' UN short names
        "CD": [.ar: "جمهورية الكونغو الديمقراطية", .zh: "刚果民主共和国", .en: "Democratic Republic of the Congo",
               .fr: "République démocratique du Congo", .ru: "Демократическая Республика Конго", .es: "República Democrática del Congo"],
        "CG": [.ar: "الكونغو", .zh: "刚果", .en: "Congo", .fr: "Congo", .ru: "Конго", .es: "Congo"],
        "MM": [.ar: "ميانمار", .en: "Myanmar", .fr: "Myanmar", .ru: "Мьянма", .es: "Myanmar"],
        "KR": [.ar: "جمهورية كوريا", .zh: "大韩民国", .en: "Republic of Korea", .fr: "République de Corée",
               .ru: "Республика Корея", .es: "República de Corea"],
        "KP": [.ar: "جمهورية كوريا الشعبية الديمقراطية", .zh: "朝鲜民主主义人民共和国", .en: "Democratic People's Republic of Korea",
               .fr: "République populaire démocratique de Corée", .ru: "Корейская Народно-Демократическая Республика",
               .es: "República Popular Democrática de Corea"],
        "RU": [.ar: "الاتحاد الروسي", .zh: "俄罗斯联邦", .en: "Russian Federation", .fr: "Fédération de Russie",
               .ru: "Российская Федерация", .es: "Federación de Rusia"],
        "IR": [.en: "Iran (Islamic Republic of)", .fr: "Iran (République islamique d’)",
               .ru: "Иран (Исламская Республика)", .es: "Irán (República Islámica del)"],
        "SY": [.ar: "الجمهورية العربية السورية", .zh: "阿拉伯叙利亚共和国", .en: "Syrian Arab Republic", .fr: "République arabe syrienne",
               .ru: "Сирийская Арабская Республика", .es: "República Árabe Siria"],
        "VN": [.ar: "فييت نام", .en: "Viet Nam", .fr: "Viet Nam", .es: "Viet Nam"],
        "LA": [.ar: "جمهورية لاو الديمقراطية الشعبية", .zh: "老挝人民民主共和国", .en: "Lao People's Democratic Republic",
               .fr: "République démocratique populaire lao", .ru: "Лаосская Народно-Демократическая Республика",
               .es: "República Democrática Popular Lao"],
        "MD": [.ar: "جمهورية مولدوفا", .zh: "摩尔多瓦共和国", .en: "Republic of Moldova", .fr: "République de Moldova",
               .ru: "Республика Молдова", .es: "República de Moldova"],
        "TZ": [.ar: "جمهورية تنزانيا المتحدة", .zh: "坦桑尼亚联合共和国", .en: "United Republic of Tanzania",
               .fr: "République-Unie de Tanzanie", .ru: "Объединенная Республика Танзания", .es: "República Unida de Tanzanía"],
        "BO": [.en: "Bolivia (Plurinational State of)", .fr: "Bolivie (État plurinational de)",
               .ru: "Боливия (Многонациональное Государство)", .es: "Bolivia (Estado Plurinacional de)"],
        "VE": [.en: "Venezuela (Bolivarian Republic of)", .fr: "Venezuela (République bolivarienne du)",
               .ru: "Венесуэла (Боливарианская Республика)", .es: "Venezuela (República Bolivariana de)"],
        "FM": [.zh: "密克罗尼西亚联邦", .en: "Micronesia (Federated States of)", .fr: "Micronésie (États fédérés de)",
               .ru: "Микронезия (Федеративные Штаты)", .es: "Micronesia (Estados Federados de)"],
        "GB": [.ar: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", .zh: "大不列颠及北爱尔兰联合王国",
               .en: "United Kingdom of Great Britain and Northern Ireland", .fr: "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
               .ru: "Соединенное Королевство Великобритании и Северной Ирландии", .es: "Reino Unido de Gran Bretaña e Irlanda del Norte"],
        "US": [.ar: "الولايات المتحدة الأمريكية", .zh: "美利坚合众国", .en: "United States of America", .fr: "États-Unis d’Amérique",
               .ru: "Соединенные Штаты Америки", .es: "Estados Unidos de América"],
        "TR": [.en: "Türkiye", .fr: "Türkiye", .es: "Türkiye"],
        "CZ": [.ar: "تشيكيا"],
        "CI": [.ar: "كوت ديفوار"],
        "CV": [.ar: "كابو فيردي", .en: "Cabo Verde", .fr: "Cabo Verde", .es: "Cabo Verde"],
        "SZ": [.es: "Eswatini"],
        "NL": [.en: "Netherlands (Kingdom of the)", .fr: "Pays-Bas (Royaume des)", .ru: "Нидерланды (Королевство)",
               .es: "Países Bajos (Reino de los)"],
        // CLDR's English abbreviates "and" and "Saint"
        "AG": [.en: "Antigua and Barbuda"],
        "BA": [.en: "Bosnia and Herzegovina"],
        "KN": [.en: "Saint Kitts and Nevis"],
        "LC": [.en: "Saint Lucia"],
        "ST": [.en: "Sao Tome and Principe"],
        "TT": [.en: "Trinidad and Tobago"],
        "VC": [.en: "Saint Vincent and the Grenadines"],
    ]

    // MARK: Written labels, in the UN's order of languages: ar, zh, en, fr, ru, es

    /// The regional groups as the General Assembly's elections name them.
    private static let regions: [UNRegion: [String]] = [
        .africa: ["الدول الأفريقية", "非洲国家", "African States", "États d’Afrique", "Африканские государства", "Estados de África"],
        .asiaPacific: [
            "دول آسيا والمحيط الهادئ", "亚洲-太平洋国家", "Asia-Pacific States", "États d’Asie et du Pacifique",
            "Азиатско-тихоокеанские государства", "Estados de Asia y el Pacífico",
        ],
        .easternEurope: [
            "دول أوروبا الشرقية", "东欧国家", "Eastern European States", "États d’Europe orientale", "Восточноевропейские государства",
            "Estados de Europa Oriental",
        ],
        .latinAmericaCaribbean: [
            "دول أمريكا اللاتينية ومنطقة البحر الكاريبي", "拉丁美洲和加勒比国家", "Latin American and Caribbean States",
            "États d’Amérique latine et des Caraïbes", "Государства Латинской Америки и Карибского бассейна",
            "Estados de América Latina y el Caribe",
        ],
        .westernEuropeOthers: [
            "دول أوروبا الغربية ودول أخرى", "西欧和其他国家", "Western European and other States",
            "États d’Europe occidentale et autres États", "Западноевропейские и другие государства",
            "Estados de Europa Occidental y otros Estados",
        ],
    ]

    private static let topics: [Topic: [String]] = [
        .traffickingInPersons: ["الاتجار بالأشخاص", "贩运人口", "Trafficking in persons", "Traite des personnes", "Торговля людьми", "Trata de personas"],
        .smugglingOfMigrants: [
            "تهريب المهاجرين", "偷运移民", "Smuggling of migrants", "Trafic illicite de migrants", "Незаконный ввоз мигрантов",
            "Tráfico ilícito de migrantes",
        ],
        .firearms: ["الأسلحة النارية", "枪支", "Firearms", "Armes à feu", "Огнестрельное оружие", "Armas de fuego"],
        .cybercrime: ["الجرائم السيبرانية", "网络犯罪", "Cybercrime", "Cybercriminalité", "Киберпреступность", "Ciberdelincuencia"],
        .corruption: ["الفساد", "腐败", "Corruption", "Corruption", "Коррупция", "Corrupción"],
        .moneyLaundering: ["غسل الأموال", "洗钱", "Money-laundering", "Blanchiment d’argent", "Отмывание денег", "Blanqueo de dinero"],
        .drugTrafficking: ["الاتجار بالمخدرات", "毒品贩运", "Drug trafficking", "Trafic de drogues", "Незаконный оборот наркотиков", "Tráfico de drogas"],
        .organizedCrime: ["الجريمة المنظمة", "有组织犯罪", "Organized crime", "Criminalité organisée", "Организованная преступность", "Delincuencia organizada"],
        .wildlifeCrime: [
            "الجرائم المتصلة بالحياة البرية", "野生动植物犯罪", "Wildlife crime", "Criminalité liée aux espèces sauvages",
            "Преступления против дикой природы", "Delitos contra la vida silvestre",
        ],
        .terrorism: ["الإرهاب", "恐怖主义", "Terrorism", "Terrorisme", "Терроризм", "Terrorismo"],
        .criminalJustice: ["العدالة الجنائية", "刑事司法", "Criminal justice", "Justice pénale", "Уголовное правосудие", "Justicia penal"],
        .crimePrevention: ["منع الجريمة", "预防犯罪", "Crime prevention", "Prévention du crime", "Предупреждение преступности", "Prevención del delito"],
        .victimSupport: ["مساعدة الضحايا", "援助被害人", "Victim support", "Aide aux victimes", "Помощь потерпевшим", "Asistencia a las víctimas"],
    ]

    private static let stakeholderKinds: [StakeholderKind: [String]] = [
        .ngo: [
            "منظمة غير حكومية", "非政府组织", "Non-governmental organization", "Organisation non gouvernementale",
            "Неправительственная организация", "Organización no gubernamental",
        ],
        .academia: ["الأوساط الأكاديمية", "学术界", "Academia", "Milieux universitaires", "Научные круги", "Círculos académicos"],
        .privateSector: ["القطاع الخاص", "私营部门", "Private sector", "Secteur privé", "Частный сектор", "Sector privado"],
        .network: ["شبكة", "网络", "Network", "Réseau", "Сеть", "Red"],
        .other: ["غير ذلك", "其他", "Other", "Autre", "Другое", "Otro"],
    ]

    private static let eventKinds: [EventKind: [String]] = [
        .ccpcjSession: [
            "دورة لجنة منع الجريمة والعدالة الجنائية", "预防犯罪和刑事司法委员会届会",
            "Session of the Commission on Crime Prevention and Criminal Justice",
            "Session de la Commission pour la prévention du crime et la justice pénale",
            "Сессия Комиссии по предупреждению преступности и уголовному правосудию",
            "Período de sesiones de la Comisión de Prevención del Delito y Justicia Penal",
        ],
        .crimeCongress: [
            "مؤتمر الأمم المتحدة لمنع الجريمة والعدالة الجنائية", "联合国预防犯罪和刑事司法大会",
            "United Nations Congress on Crime Prevention and Criminal Justice",
            "Congrès des Nations Unies pour la prévention du crime et la justice pénale",
            "Конгресс Организации Объединенных Наций по предупреждению преступности и уголовному правосудию",
            "Congreso de las Naciones Unidas sobre Prevención del Delito y Justicia Penal",
        ],
        .copUntoc: [
            "مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية", "联合国打击跨国有组织犯罪公约缔约方会议",
            "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
            "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée",
            "Конференция участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности",
            "Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
        ],
        .workingGroup: ["فريق عامل", "工作组", "Working group", "Groupe de travail", "Рабочая группа", "Grupo de trabajo"],
        .constructiveDialogue: ["حوار بنّاء", "建设性对话", "Constructive dialogue", "Dialogue constructif", "Конструктивный диалог", "Diálogo constructivo"],
        .expertGroupMeeting: [
            "اجتماع فريق خبراء", "专家组会议", "Expert group meeting", "Réunion de groupe d’experts", "Совещание группы экспертов",
            "Reunión de un grupo de expertos",
        ],
        .sideEvent: ["مناسبة جانبية", "会外活动", "Side event", "Manifestation parallèle", "Параллельное мероприятие", "Acto paralelo"],
        .webinar: ["ندوة شبكية", "网络研讨会", "Webinar", "Webinaire", "Вебинар", "Seminario web"],
        .other: ["غير ذلك", "其他", "Other", "Autre", "Другое", "Otro"],
    ]
}
