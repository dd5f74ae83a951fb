import DimingCore
import Foundation

/// A name in Hanyu Pinyin: the toned canonical form and the sign form, with every syllable's source.
public struct Romanization: Hashable, Codable, Sendable {
    public var name: String
    /// Wángzhuāng Dōnglù
    public var toned: String
    /// WANGZHUANG DONGLU
    public var sign: String
    public var parsed: ParsedName
    public var syllables: [SyllableChoice]
    /// Characters whose reading was guessed (polyphonic, not fixed by a phrase) or not found.
    public var review: [String]
    /// Toneless syllables, for homophone checks and search: ["wang", "zhuang", "dong", "lu"].
    public var toneless: [String] { syllables.map { Pinyin.toneless($0.pinyin ?? "?") } }
    /// Toneless syllables of the 专名, space-separated (`wang zhuang`): what homophone checks compare.
    public var specificToneless: String { toneless.prefix(parsed.specific.count).joined(separator: " ") }
}

/// Romanises names by the 1984 rules (《中国地名汉语拼音字母拼写规则(汉语地名部分)》, GB/T 16159-2012):
/// 专名 and 通名 apart; a one-syllable modifier joined to the part it modifies (longer ones apart);
/// ordinals as Arabic numerals (第 with a hyphen: Dì-9); erhua as r; apostrophes before a, o, e;
/// capitals; the sign form in capitals without any tone mark (ü stays Ü); polyphones of the specific
/// by their usual place-name reading, asking for review only where that position is ambiguous.
public struct Romanizer: Sendable {
    public var dictionary: ReadingDictionary
    public var parser: NameParser

    public init(dictionary: ReadingDictionary, parser: NameParser) {
        self.dictionary = dictionary
        self.parser = parser
    }

    /// `overrides`: confirmed readings from the registry, phrase → syllables.
    public func romanize(_ name: String, overrides: [String: [String]] = [:]) -> Romanization {
        let parsed = parser.parse(name)
        // Read the whole name at once so that phrases across parts still count (十里堡路).
        var syllables = dictionary.read(parsed.text, overrides: overrides)
        let specificCount = parsed.specific.count
        let ordinalCount = parsed.ordinalText?.count ?? 0
        let modifierCount = parsed.modifiers.reduce(0) { $0 + $1.text.count }
        // Ordinals, one-syllable modifiers and the generic term have fixed readings.
        let fixed: [String?] = (parsed.ordinalText.map { $0.map { Self.fixedReadings[$0] } } ?? [])
            + parsed.modifiers.flatMap { modifier in modifier.text.count == 1 ? modifier.text.map { Self.fixedReadings[$0] } : modifier.text.map { _ in nil } }
            + (parser.generics.term(parsed.generic)?.pinyin ?? [])
        if fixed.count == syllables.count - specificCount {
            for (offset, reading) in fixed.enumerated() {
                let index = specificCount + offset
                if let reading, syllables[index].source != .confirmed {
                    syllables[index].pinyin = reading
                    syllables[index].source = .phrase
                }
            }
        }
        // Polyphones of the specific take their usual place-name reading in their position; only a
        // character that is genuinely ambiguous there keeps asking for review.
        for index in 0..<specificCount where syllables[index].source == .guessed {
            let position: PlaceCharacterReading.Position = index == 0 ? .first : index == specificCount - 1 ? .last : .middle
            guard let usual = dictionary.placeCharacters[syllables[index].character] else { continue }
            syllables[index].pinyin = usual.reading
            if !usual.ask.contains(position) { syllables[index].source = .placeName }
        }
        Self.applyErhua(&syllables, upTo: specificCount)
        for index in syllables.indices where syllables[index].pinyin == nil {
            syllables[index].pinyin = Self.icuReading(syllables[index].character)
        }
        func piece(_ start: Int, _ count: Int) -> [String] {
            syllables[start..<start + count].map { $0.pinyin ?? String($0.character) }
        }
        var parts: [String] = []
        if specificCount > 0 { parts.append(Pinyin.capitalized(Pinyin.word(piece(0, specificCount)))) }
        if let ordinal = parsed.ordinal { parts.append(parsed.ordinalHasDi ? "Dì-\(ordinal)" : String(ordinal)) }
        let genericStart = specificCount + ordinalCount + modifierCount
        let generic = piece(genericStart, parsed.generic.count)
        let modifierSyllables = piece(specificCount + ordinalCount, modifierCount)
        // One-syllable modifiers join the generic (修文西小巷 Xiūwén Xīxiǎoxiàng); a longer one stands apart.
        if !modifierSyllables.isEmpty && parsed.modifiers.allSatisfy({ $0.text.count == 1 }) {
            parts.append(Pinyin.capitalized(Pinyin.word(modifierSyllables + generic)))
        } else {
            if !modifierSyllables.isEmpty { parts.append(Pinyin.capitalized(Pinyin.word(modifierSyllables))) }
            if !generic.isEmpty { parts.append(Pinyin.capitalized(Pinyin.word(generic))) }
        }
        let toned = parts.joined(separator: " ")
        return Romanization(name: name, toned: toned, sign: Pinyin.signForm(toned), parsed: parsed, syllables: syllables,
                            review: syllables.filter(\.needsReview).map { String($0.character) })
    }

    /// Words in which 儿 is a syllable of its own, not the erhua suffix (女儿 nǚ'ér, 儿童 értóng).
    static let fullEr: Set<String> = ["女儿", "男儿", "孤儿", "婴儿", "幼儿", "健儿", "少儿", "胎儿", "宠儿", "托儿", "患儿", "孩儿", "儿童", "儿女", "儿子", "儿孙", "儿科"]

    /// Rule 12 of the 1984 rules: an erhua 儿 after a syllable of the specific is written r
    /// (花儿市 Huārshì), unless a phrase or a confirmed reading fixed it or it is a word of its own.
    static func applyErhua(_ syllables: inout [SyllableChoice], upTo end: Int) {
        for index in syllables.indices where index > 0 && index < end && syllables[index].character == "儿" {
            guard syllables[index].source == .single, syllables[index - 1].character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) else { continue }
            let before = String([syllables[index - 1].character, "儿"])
            let after = index + 1 < syllables.count ? String(["儿", syllables[index + 1].character]) : ""
            guard !fullEr.contains(before), !fullEr.contains(after) else { continue }
            syllables[index].pinyin = "r"
            syllables[index].source = .phrase
        }
    }

    static let fixedReadings: [Character: String] = [
        "东": "dōng", "西": "xī", "南": "nán", "北": "běi", "中": "zhōng", "前": "qián", "后": "hòu", "左": "zuǒ", "右": "yòu",
        "上": "shàng", "下": "xià", "里": "lǐ", "外": "wài", "内": "nèi", "大": "dà", "小": "xiǎo", "新": "xīn", "老": "lǎo", "旧": "jiù",
        "正": "zhèng", "直": "zhí", "横": "héng", "支": "zhī", "第": "dì",
        "一": "yī", "二": "èr", "三": "sān", "四": "sì", "五": "wǔ", "六": "liù", "七": "qī", "八": "bā", "九": "jiǔ", "十": "shí", "百": "bǎi",
    ]

    /// ICU's Mandarin transliteration of one character: the last resort (it reads characters alone).
    static func icuReading(_ character: Character) -> String? {
        guard character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) else { return nil }
        return String(character).applyingTransform(.mandarinToLatin, reverse: false)
    }
}
