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
/// 专名 and 通名 apart; a one-syllable modifier joined to the part it modifies; ordinals as Arabic
/// numerals; apostrophes before a, o, e; capitals; the sign form in capitals without tones.
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
        // Modifiers, ordinals and the generic term have fixed readings.
        let fixedStart = specificCount
        let fixed = (parsed.ordinalText.map { $0.compactMap { Self.fixedReadings[$0] } } ?? [])
            + parsed.modifiers.flatMap { $0.text.compactMap { Self.fixedReadings[$0] } }
            + (parser.generics.term(parsed.generic)?.pinyin ?? [])
        if fixed.count == syllables.count - fixedStart {
            for (offset, reading) in fixed.enumerated() where syllables[fixedStart + offset].source != .confirmed {
                syllables[fixedStart + offset].pinyin = reading
                syllables[fixedStart + offset].source = .phrase
            }
        }
        for index in syllables.indices where syllables[index].pinyin == nil {
            syllables[index].pinyin = Self.icuReading(syllables[index].character)
        }
        func piece(_ start: Int, _ count: Int) -> [String] {
            syllables[start..<start + count].map { $0.pinyin ?? String($0.character) }
        }
        var parts: [String] = []
        if specificCount > 0 { parts.append(Pinyin.capitalized(Pinyin.word(piece(0, specificCount)))) }
        if let ordinal = parsed.ordinal { parts.append(String(ordinal)) }
        let genericStart = specificCount + ordinalCount + modifierCount
        let generic = piece(genericStart, parsed.generic.count)
        let modifierSyllables = piece(specificCount + ordinalCount, modifierCount)
        if modifierSyllables.count == 1 {
            parts.append(Pinyin.capitalized(Pinyin.word(modifierSyllables + generic)))
        } else {
            if !modifierSyllables.isEmpty { parts.append(Pinyin.capitalized(Pinyin.word(modifierSyllables))) }
            if !generic.isEmpty { parts.append(Pinyin.capitalized(Pinyin.word(generic))) }
        }
        let toned = parts.joined(separator: " ")
        return Romanization(name: name, toned: toned, sign: Pinyin.signForm(toned), parsed: parsed, syllables: syllables,
                            review: syllables.filter(\.needsReview).map { String($0.character) })
    }

    static let fixedReadings: [Character: String] = [
        "东": "dōng", "西": "xī", "南": "nán", "北": "běi", "中": "zhōng", "小": "xiǎo",
        "一": "yī", "二": "èr", "三": "sān", "四": "sì", "五": "wǔ", "六": "liù", "七": "qī", "八": "bā", "九": "jiǔ", "十": "shí", "百": "bǎi",
    ]

    /// ICU's Mandarin transliteration of one character: the last resort (it reads characters alone).
    static func icuReading(_ character: Character) -> String? {
        guard character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) else { return nil }
        return String(character).applyingTransform(.mandarinToLatin, reverse: false)
    }
}
