import EngageDomain
import Testing

/// Text is folded the same way for the index and for queries, so both stores find the same rows.
@Suite("Search text folding and query terms")
struct SearchTextTests {
    // MARK: Folding

    @Test("Latin and Greek lose their accents and case; letters without a decomposition fold as unaccent does")
    func latin() {
        #expect(SearchText.fold("Fundación Anticorrupción") == "fundacion anticorrupcion")
        #expect(SearchText.fold("ÉCOLE Supérieure") == "ecole superieure")
        #expect(SearchText.fold("Straße Łódź Øresund Œuvre") == "strasse lodz oresund oeuvre")
        #expect(SearchText.fold("Ἀθῆναι ΟΔΟΣ") == "αθηναι οδοσ")
        #expect(SearchText.fold("οδός") == "οδοσ")
    }

    @Test("Cyrillic: ё is е, й stays й, case folds")
    func cyrillic() {
        #expect(SearchText.fold("Ёлка") == "елка")
        #expect(SearchText.fold("Объединённые Нации") == "объединенные нации")
        #expect(SearchText.fold("Российский") == "российский")
        #expect(SearchText.fold("Й") == "й")
        #expect(SearchText.fold("Й").unicodeScalars.count == 1)  // recomposed: one letter, as typed
    }

    @Test("Arabic: tashkeel and tatweel go, alef forms, alef maksura, ta marbuta and hamza seats fold")
    func arabic() {
        #expect(SearchText.fold("الشَّبَكَة") == "الشبكه")
        #expect(SearchText.fold("مكافحـــة") == "مكافحه")
        #expect(SearchText.fold("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله")
        #expect(SearchText.fold("مستشفى") == "مستشفي")
        #expect(SearchText.fold("مؤسسة رئيسية") == "موسسه رييسيه")
        #expect(SearchText.fold("ﻻ") == "لا")  // a presentation form: the lam and the alef
        // The same words with different spellings fold to the same text.
        #expect(SearchText.fold("الشبكة العربية لمكافحة الفساد") == SearchText.fold("الشَّبَكَةُ العَرَبِيَّةُ لِمُكَافَحَةِ الفَسَادِ"))
        #expect(SearchText.fold("الإمارات") == SearchText.fold("الامارات"))
    }

    @Test("Chinese and Japanese characters are words of their own")
    func cjk() {
        #expect(SearchText.fold("中国反腐败研究中心") == "中 国 反 腐 败 研 究 中 心")
        #expect(SearchText.fold("東京のNPO法人") == "東 京 の npo 法 人")
        #expect(SearchText.fold("カタカナ・テスト") == "カ タ カ ナ テ ス ト")
        #expect(SearchText.fold("ｶﾀｶﾅ") == "カ タ カ ナ")        // half-width katakana
        #expect(SearchText.fold("がっこう") == "が っ こ う")    // the voicing mark stays on its kana
        #expect(SearchText.fold("𠀋𠀋") == "𠀋 𠀋")               // extension B
    }

    @Test("full-width ASCII, punctuation and other scripts")
    func compatibilityAndPunctuation() {
        #expect(SearchText.fold("ＵＮＯＤＣ　２０３０") == "unodc 2030")
        #expect(SearchText.fold("anti-corruption, (G20)!") == "anti corruption g20")
        #expect(SearchText.fold("  \n\t ") == "")
        #expect(SearchText.fold("हिन्दी संस्था") == "हिन्दी संस्था")   // marks of other scripts stay inside words
        #expect(SearchText.fold("Об\u{02BC}єднання") == "об єднання")
    }

    @Test("index joins the folded variants of a text, one per line, without empty ones")
    func index() {
        #expect(SearchText.index(["Anti-Corruption Network", "", "Réseau anticorruption", "反腐败网络"])
                == "anti corruption network\nreseau anticorruption\n反 腐 败 网 络")
        #expect(SearchText.index([]) == "")
    }

    // MARK: Queries

    @Test("words fold like the index; the last word is a prefix")
    func words() {
        #expect(SearchText.query("Traffick") == [SearchText.Term(words: ["traffick"], isPrefix: true)])
        #expect(SearchText.query("Ёлка Росси") == [SearchText.Term(words: ["елка"]), SearchText.Term(words: ["росси"], isPrefix: true)])
        #expect(SearchText.query("أَلشبكة") == [SearchText.Term(words: ["الشبكه"], isPrefix: true)])
    }

    @Test("a run of CJK characters is one phrase of its characters; a space starts another")
    func phrases() {
        #expect(SearchText.query("腐败") == [SearchText.Term(words: ["腐", "败"])])
        #expect(SearchText.query("反腐败 研究") == [SearchText.Term(words: ["反", "腐", "败"]), SearchText.Term(words: ["研", "究"])])
        #expect(SearchText.query("中国 network") == [SearchText.Term(words: ["中", "国"]), SearchText.Term(words: ["network"], isPrefix: true)])
        #expect(SearchText.query("NPO法人") == [SearchText.Term(words: ["npo"]), SearchText.Term(words: ["法", "人"])])
        let long = String(repeating: "腐", count: 50)
        #expect(SearchText.query(long).first?.words.count == SearchText.maximumPhraseLength)
    }

    @Test("at most twelve terms; punctuation alone is no query; no operator survives")
    func limitsAndInjection() {
        let many = (1...20).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchText.query(many).count == SearchText.maximumTerms)
        #expect(SearchText.query("\"*)(: ^ - + & | ! <-> '").isEmpty)
        #expect(SearchText.query("\u{FFFD}").isEmpty)
        let hostile = SearchText.query("a\" OR b:* & !c <-> (d) NEAR(e f) 'g'")
        #expect(hostile.map(\.words) == [["a"], ["or"], ["b"], ["c"], ["d"], ["near"], ["e"], ["f"], ["g"]])
        for word in hostile.flatMap(\.words) {
            #expect(word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        }
    }
}
