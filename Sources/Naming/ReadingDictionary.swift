/// Readings of characters and phrases: the phrase dictionary first, then character readings.
///
/// Built from the text of `GeoData/names/readings` (see Scripts/compile-readings.py) and the
/// place-reading table; parsing is pure, the caller reads the files.
public struct ReadingDictionary: Sendable {
    /// Readings of each character, most common first.
    public private(set) var characters: [Character: [String]] = [:]
    /// Readings of phrases, one syllable per character.
    public private(set) var phrases: [String: [String]] = [:]
    /// Place readings, which win over phrases (莘县 shēn xiàn).
    public private(set) var places: [String: [String]] = [:]
    /// Place readings proposed where place names use more than one (朝阳 cháoyáng, also zhāoyáng): staff confirm.
    public private(set) var placesToConfirm: Set<String> = []
    /// The usual reading of each polyphonic standard character in place names, and the positions
    /// in a specific where it is still in doubt (`place-characters.tsv`).
    public private(set) var placeCharacters: [Character: PlaceCharacterReading] = [:]
    /// The 8,105 characters of the 通用规范汉字表.
    public private(set) var standard: Set<Character> = []
    public private(set) var longestPhrase = 1

    public init() {}

    /// `chars.tsv`: `CHAR<TAB>r1,r2`; `phrases.tsv`: `PHRASE<TAB>s1 s2`; the place table
    /// `PHRASE<TAB>s1 s2[<TAB>sure|ask[<TAB>source]]`; `standard.txt`: the characters in one line;
    /// `place-characters.tsv`: `CHAR<TAB>reading<TAB>first,middle,last|-<TAB>source` (the positions
    /// where the reading stays in doubt). Lines starting with # are comments.
    public init(characters: String, phrases: String, places: String = "", standard: String = "", placeCharacters: String = "") {
        for line in characters.split(whereSeparator: \.isNewline) {
            guard let tab = line.firstIndex(of: "\t"), let character = line[..<tab].first else { continue }
            self.characters[character] = line[line.index(after: tab)...].split(separator: ",").map(String.init)
        }
        self.phrases = Self.phraseTable(phrases)
        self.places = Self.phraseTable(places)
        for line in places.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            if parts.count >= 3 && parts[2] == "ask" { placesToConfirm.insert(String(parts[0])) }
        }
        for line in placeCharacters.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 3, let character = parts[0].first, parts[0].count == 1 else { continue }
            let ask = Set(parts[2].split(separator: ",").compactMap { PlaceCharacterReading.Position(rawValue: String($0)) })
            self.placeCharacters[character] = PlaceCharacterReading(reading: String(parts[1]), ask: ask)
        }
        self.standard = Set(standard.filter { !$0.isWhitespace })
        longestPhrase = max(self.phrases.keys.map(\.count).max() ?? 1, self.places.keys.map(\.count).max() ?? 1)
    }

    static func phraseTable(_ text: String) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count >= 2 else { continue }
            let syllables = parts[1].split(separator: " ").map(String.init)
            if syllables.count == parts[0].count { table[String(parts[0])] = syllables }
        }
        return table
    }

    /// Adds (or replaces) a place reading, e.g. a confirmed reading from the registry.
    public mutating func addPlaceReading(_ phrase: String, _ syllables: [String]) {
        guard syllables.count == phrase.count else { return }
        places[phrase] = syllables
        placesToConfirm.remove(phrase)
        longestPhrase = max(longestPhrase, phrase.count)
    }

    public func isPolyphonic(_ character: Character) -> Bool {
        Set((characters[character] ?? []).map { $0 }).count > 1
    }

    /// How one character reads on its own: its most common reading.
    public func reading(of character: Character) -> String? {
        characters[character]?.first
    }

    /// Readings of a run of Chinese text by forward maximum matching: place readings, then
    /// phrases, then characters. Each syllable says whether a phrase fixed it.
    public func read(_ text: String, overrides: [String: [String]] = [:]) -> [SyllableChoice] {
        let chars = Array(text)
        var result: [SyllableChoice] = []
        var index = 0
        while index < chars.count {
            var matched = false
            // Confirmed readings win over any phrase; then place readings and phrases, longest first.
            let longest = min(max(longestPhrase, overrides.keys.map(\.count).max() ?? 1), chars.count - index)
            search: for tables in [[overrides], [places, phrases]] {
                for length in stride(from: longest, through: 1, by: -1) {
                    let piece = String(chars[index..<index + length])
                    guard let fixed = tables.lazy.compactMap({ $0[piece] }).first, length > 1 || tables.count == 1 || places[piece] != nil else { continue }
                    let source: SyllableChoice.Source = tables.count == 1 ? .confirmed : .phrase
                    let proposed = source == .phrase && placesToConfirm.contains(piece) && places[piece] == fixed
                    for (offset, syllable) in fixed.enumerated() {
                        let character = chars[index + offset]
                        result.append(SyllableChoice(character: character, pinyin: syllable,
                                                     source: proposed && isPolyphonic(character) ? .proposed : source))
                    }
                    index += length
                    matched = true
                    break search
                }
            }
            if matched { continue }
            let character = chars[index]
            if !character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
                result.append(SyllableChoice(character: character, pinyin: String(character), source: .single))
            } else if let reading = reading(of: character) {
                result.append(SyllableChoice(character: character, pinyin: reading, source: isPolyphonic(character) ? .guessed : .single))
            } else {
                result.append(SyllableChoice(character: character, pinyin: nil, source: .unknown))
            }
            index += 1
        }
        return result
    }
}

/// The reading chosen for one character, and how sure it is.
public struct SyllableChoice: Hashable, Sendable, Codable {
    public enum Source: String, Codable, Sendable {
        /// Confirmed by staff and kept in the registry.
        case confirmed
        /// Fixed by a place reading or a phrase.
        case phrase
        /// The usual reading of a polyphone in place names, not in doubt in its position (家 jiā, 堡 in 十里堡 …).
        case placeName
        /// A place reading the table proposes where place names use more than one (朝阳): needs review.
        case proposed
        /// The character has one reading.
        case single
        /// A polyphonic character read by its most common reading: needs review.
        case guessed
        /// Not in the dictionary (the ICU fallback may supply a reading).
        case unknown
    }

    public var character: Character
    public var pinyin: String?
    public var source: Source

    public var needsReview: Bool { source == .guessed || source == .unknown || source == .proposed }

    enum CodingKeys: String, CodingKey { case character, pinyin, source }

    public init(character: Character, pinyin: String?, source: Source) {
        self.character = character
        self.pinyin = pinyin
        self.source = source
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        character = try container.decode(String.self, forKey: .character).first ?? " "
        pinyin = try container.decodeIfPresent(String.self, forKey: .pinyin)
        source = try container.decode(Source.self, forKey: .source)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(character), forKey: .character)
        try container.encodeIfPresent(pinyin, forKey: .pinyin)
        try container.encode(source, forKey: .source)
    }
}

/// How a polyphonic character usually reads in place names (长 cháng, 堡 bǎo), and where in a
/// specific that reading is still in doubt (多音字地名读音).
public struct PlaceCharacterReading: Hashable, Sendable {
    public enum Position: String, Sendable, CaseIterable { case first, middle, last }
    public var reading: String
    /// Positions where place names use another reading too: the romaniser asks for review there.
    public var ask: Set<Position>

    public init(reading: String, ask: Set<Position>) {
        self.reading = reading
        self.ask = ask
    }
}
