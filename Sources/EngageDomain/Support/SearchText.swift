import Foundation

/// Text prepared for full-text search, the same way for what is stored and for what is asked, on
/// both stores: SQLite's FTS5 and PostgreSQL's `tsvector` index the output of `index`, and each
/// store turns `query` into its own query language.
///
/// Folding (see `fold`) makes a text's words comparable whatever the language: lower case,
/// compatibility forms (full-width ASCII, Arabic presentation forms, ligatures) mapped to plain
/// letters, diacritics removed from Latin, Greek and Cyrillic (but Cyrillic й stays й, while ё becomes е),
/// Arabic short vowels, tatweel and hamza seats folded, and every Chinese or Japanese character
/// made a word of its own so that a search finds words inside a name written without spaces.
/// What is left is words of letters, digits and their marks, each separated by one space, which
/// FTS5's `unicode61` tokenizer and PostgreSQL's `'simple'` parser split alike.
public enum SearchText {
    /// One required part of a query: a word, or a run of Chinese or Japanese characters that must
    /// stand next to each other, in order (a phrase of one-character words).
    public struct Term: Sendable, Equatable {
        /// The folded words, in order: one for a word, one per character of a CJK run.
        public var words: [String]
        /// Whether the last word matches as a prefix (the last word of a query, while the user is typing).
        public var isPrefix: Bool

        public init(words: [String], isPrefix: Bool = false) {
            self.words = words
            self.isPrefix = isPrefix
        }
    }

    /// The most terms a query keeps; the words after them are ignored.
    public static let maximumTerms = 12
    /// The most characters a CJK phrase of a query keeps; a longer run keeps its first ones.
    public static let maximumPhraseLength = 32

    /// The text to index for one weighted column: each text (the variants of a field in every
    /// language stored) folded, the non-empty ones joined by a line break.
    public static func index(_ texts: [String]) -> String {
        texts.map(fold).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// A text's words, folded and separated by one space. See the type's documentation.
    ///
    ///     fold("Fundación Anticorrupción")  // "fundacion anticorrupcion"
    ///     fold("Ёлка и йогурт")             // "елка и йогурт"
    ///     fold("المَكْتَبَة الإقليمية")        // "المكتبه الاقليميه"
    ///     fold("中国反腐败研究中心")            // "中 国 反 腐 败 研 究 中 心"
    public static func fold(_ text: String) -> String {
        tokens(text).map(\.text).joined(separator: " ")
    }

    /// The terms of a search typed by a user: its words folded as `fold` folds stored text, at
    /// most `maximumTerms`; each run of adjacent Chinese or Japanese characters is one term whose
    /// characters must be adjacent; the last term, when it is a word, matches as a prefix.
    /// Empty when the text holds no letter or digit.
    public static func query(_ text: String) -> [Term] {
        var terms: [Term] = []
        for token in tokens(text) {
            if token.continuesPhrase, var last = terms.last {
                if last.words.count < maximumPhraseLength {
                    last.words.append(token.text)
                    terms[terms.count - 1] = last
                }
                continue
            }
            if terms.count == maximumTerms { break }
            terms.append(Term(words: [token.text]))
        }
        // A CJK character is a whole word already: only a last word of other scripts is a prefix.
        if let last = terms.last, last.words.count == 1, let word = last.words.first,
           let first = word.unicodeScalars.first, !isSegmented(first) {
            terms[terms.count - 1].isPrefix = true
        }
        return terms
    }

    // MARK: Tokens

    /// A folded word, and whether it is a CJK character that directly follows another (so a query
    /// keeps them in one phrase).
    private struct Token {
        var text: String
        var continuesPhrase: Bool
    }

    private static func tokens(_ text: String) -> [Token] {
        // Compatibility forms first (ｆｕｌｌ-width → full-width, ﻻ → لا, ﬁ → fi), then lower case, then
        // canonical decomposition so every diacritic is a mark of its own.
        let decomposed = text.precomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCanonicalMapping
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        /// The letter the marks that follow belong to, nil after a separator.
        var base: Unicode.Scalar?
        /// Whether the word being built is one CJK character (so the next letter starts a new word).
        var wordIsSegmented = false
        /// Whether the previous word was a CJK character with nothing between it and the next.
        var previousSegmented = false

        func finish(adjacent: Bool) {
            if !word.isEmpty {
                let folded = String(word).precomposedStringWithCanonicalMapping
                tokens.append(Token(text: folded, continuesPhrase: wordIsSegmented && previousSegmented))
                previousSegmented = wordIsSegmented && adjacent
            } else if !adjacent {
                previousSegmented = false
            }
            word = String.UnicodeScalarView()
            wordIsSegmented = false
        }

        for scalar in decomposed.unicodeScalars {
            if isArabicMarkOrTatweel(scalar) { continue }
            let category = scalar.properties.generalCategory
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                guard let letter = base, !word.isEmpty else { continue }
                if isLatinGreekOrCyrillic(letter) {
                    // Diacritics go, except the breve of Cyrillic й (and ў): a letter of its own.
                    if scalar.value == 0x0306, isCyrillic(letter) { word.append(scalar) }
                } else {
                    word.append(scalar)
                }
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                if isSpacingModifier(scalar) {
                    // ʼ ʻ ˈ ː …: apostrophes and length marks, separators as their ASCII look-alikes are.
                    finish(adjacent: false)
                    base = nil
                    continue
                }
                if isSegmented(scalar) {
                    finish(adjacent: true)
                    word.append(scalar)
                    wordIsSegmented = true
                } else {
                    if wordIsSegmented { finish(adjacent: false) }
                    if let replacement = letterFolding[scalar.value] {
                        word.append(contentsOf: replacement.unicodeScalars)
                    } else {
                        word.append(scalar)
                    }
                }
                base = scalar
            default:
                finish(adjacent: false)
                base = nil
            }
        }
        finish(adjacent: false)
        return tokens
    }

    // MARK: Characters

    /// Letters folded to others: Arabic letters that writers interchange, and the Latin and Greek
    /// letters without a decomposition that PostgreSQL's `unaccent` folds too (so both stores agree).
    private static let letterFolding: [UInt32: String] = [
        0x0671: "\u{0627}",  // ٱ alef wasla → ا
        0x0649: "\u{064A}",  // ى alef maksura → ي
        0x0629: "\u{0647}",  // ة ta marbuta → ه
        0x00DF: "ss",        // ß
        0x00E6: "ae",        // æ
        0x0153: "oe",        // œ
        0x00F8: "o",         // ø
        0x0142: "l",         // ł
        0x0111: "d",         // đ
        0x00F0: "d",         // ð
        0x00FE: "th",        // þ
        0x0127: "h",         // ħ
        0x0131: "i",         // ı
        0x014B: "n",         // ŋ
        0x0167: "t",         // ŧ
        0x0192: "f",         // ƒ
        0x03C2: "\u{03C3}",  // ς final sigma → σ (lower-casing Σ cannot know the word ends)
    ]
    // أ إ آ (alef with hamza or madda), ؤ and ئ decompose into their seat and a mark in U+0653–U+0655,
    // which `isArabicMarkOrTatweel` removes: they become ا, و and ي.

    /// Arabic tashkeel (short vowels, shadda, sukun, hamza and madda marks: U+064B–U+065F), the
    /// superscript alef (U+0670) and tatweel (U+0640).
    private static func isArabicMarkOrTatweel(_ scalar: Unicode.Scalar) -> Bool {
        (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670 || scalar.value == 0x0640
    }

    /// Spacing modifier letters (U+02B0–U+02FF): apostrophe-like and phonetic signs, not letters of words.
    private static func isSpacingModifier(_ scalar: Unicode.Scalar) -> Bool {
        (0x02B0...0x02FF).contains(scalar.value)
    }

    /// Han ideographs, Hiragana and Katakana: each is a word of its own.
    static func isSegmented(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF,    // CJK radicals, Kangxi radicals
             0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B,  // 々 〇 Hangzhou numerals
             0x3041...0x309F,    // Hiragana
             0x30A0...0x30FF,    // Katakana
             0x31F0...0x31FF,    // Katakana phonetic extensions
             0x3400...0x4DBF,    // CJK Unified Ideographs Extension A
             0x4E00...0x9FFF,    // CJK Unified Ideographs
             0xF900...0xFAFF,    // CJK Compatibility Ideographs
             0xFF66...0xFF9F,    // half-width Katakana
             0x1B000...0x1B16F,  // Kana Supplement and Extended-A
             0x20000...0x323AF:  // CJK Unified Ideographs Extensions B–H, Compatibility Supplement
            true
        default:
            false
        }
    }

    private static func isLatinGreekOrCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x024F, 0x0250...0x02AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F,
             0x0370...0x03FF, 0x1F00...0x1FFF:
            true
        default:
            isCyrillic(scalar)
        }
    }

    private static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: true
        default: false
        }
    }
}
