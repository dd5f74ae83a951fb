/// The law's tables of words a name must not use (条例 Art. 9, 实施办法 Art. 3–4), by category.
public enum ForbiddenCategory: String, Codable, Sendable, CaseIterable {
    /// 国家领导人: current and former state leaders; absolute.
    case leader
    /// 外国地名 (CLDR names of countries and cities in Chinese).
    case foreignPlace
    /// 文学、神话人物.
    case literary
    /// 企业名称、商标 (a county-maintained list).
    case enterprise
    /// 含义不健康.
    case unhealthy
    /// 大、洋、怪、重.
    case grandiose

    /// The table's file in `GeoData/names/forbidden`.
    public var file: String {
        switch self {
        case .leader: "leaders.tsv"
        case .foreignPlace: "foreign-places.tsv"
        case .literary: "literary.tsv"
        case .enterprise: "enterprises.tsv"
        case .unhealthy: "unhealthy.tsv"
        case .grandiose: "grandiose.tsv"
        }
    }

    public var findingCode: FindingCode {
        switch self {
        case .leader: .leaderName
        case .foreignPlace: .foreignPlace
        case .literary: .literaryCharacter
        case .enterprise: .enterpriseName
        case .unhealthy: .unhealthyMeaning
        case .grandiose: .grandioseWord
        }
    }

    /// How serious a hit is when the word is only that (not also a common word).
    public var severity: Severity {
        switch self {
        case .leader, .foreignPlace, .enterprise, .unhealthy: .error
        case .literary, .grandiose: .warning
        }
    }

    public var chinese: String {
        switch self {
        case .leader: "国家领导人姓名"
        case .foreignPlace: "外国地名"
        case .literary: "文学作品或神话人物名"
        case .enterprise: "企业名称或商标"
        case .unhealthy: "含义不健康的词"
        case .grandiose: "“大、洋、怪、重”用词"
        }
    }

    public var english: String {
        switch self {
        case .leader: "a state leader's name"
        case .foreignPlace: "a foreign place name"
        case .literary: "a literary or mythological character"
        case .enterprise: "an enterprise name or trademark"
        case .unhealthy: "a word of unhealthy meaning"
        case .grandiose: "a grand, foreign-sounding or odd word (大/洋/怪/重)"
        }
    }
}

/// One word of a rule table.
public struct ForbiddenEntry: Hashable, Sendable {
    public var word: String
    public var category: ForbiddenCategory
    /// The word is also a common word (万里, 小米): a hit is a warning to look at.
    public var alsoCommon: Bool
    public var note: String
}

/// A rule-table word found in a name, matched by word: `insideWord` is the common dictionary word
/// it sits in (魔芋 for 魔), if any.
public struct ForbiddenMatch: Hashable, Sendable {
    public var entry: ForbiddenEntry
    public var offset: Int
    public var insideWord: String?
}

/// The rule tables, matched by word rather than by substring: a hit that lies inside a longer
/// dictionary word of the name (`contexts`: 魔芋, 大洋洲 …) is only information.
public struct ForbiddenWords: Sendable {
    public private(set) var entries: [String: [ForbiddenEntry]] = [:]
    /// Dictionary words containing a table word (compiled from pypinyin-dict).
    public private(set) var contexts: Set<String> = []
    /// Characters typical of transliterated foreign personal names.
    public private(set) var transliteration: Set<Character> = []
    var longestEntry = 0
    var longestContext = 0

    public init() {}

    /// `tables`: each category's TSV (`word<TAB>…`, or `word<TAB>name|word<TAB>…` where the kind
    /// column exists); `contexts`: one word a line; `transliteration`: the characters. # starts a comment.
    public init(tables: [ForbiddenCategory: String], contexts: String = "", transliteration: String = "") {
        for (category, text) in tables {
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard let word = fields.first, !word.isEmpty else { continue }
                let alsoCommon = fields.count > 2 && fields[1] == "word"
                let note = fields.count > 2 && (fields[1] == "word" || fields[1] == "name") ? fields[2] : (fields.count > 1 ? fields[1] : "")
                add(ForbiddenEntry(word: word, category: category, alsoCommon: alsoCommon, note: note))
            }
        }
        for line in contexts.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            self.contexts.insert(String(line))
            longestContext = max(longestContext, line.count)
        }
        for line in transliteration.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            self.transliteration.formUnion(line.filter { !$0.isWhitespace })
        }
    }

    /// Adds a word (a county's own entry).
    public mutating func add(_ entry: ForbiddenEntry) {
        entries[entry.word, default: []].append(entry)
        longestEntry = max(longestEntry, entry.word.count)
    }

    /// Every table word in `text`, longest first where they overlap (乱葬岗 rather than 葬).
    public func matches(in text: String) -> [ForbiddenMatch] {
        let chars = Array(text)
        var found: [(range: Range<Int>, entry: ForbiddenEntry)] = []
        for start in chars.indices {
            for length in stride(from: min(longestEntry, chars.count - start), through: 1, by: -1) {
                guard let hits = entries[String(chars[start..<start + length])] else { continue }
                for entry in hits { found.append((start..<start + length, entry)) }
            }
        }
        // A hit inside a longer hit of the same category says nothing new.
        let all = found
        found.removeAll { inner in
            all.contains { outer in outer.range != inner.range && outer.range.contains(inner.range.lowerBound)
                && outer.range.upperBound >= inner.range.upperBound && outer.entry.category == inner.entry.category }
        }
        return found.map { hit in
            ForbiddenMatch(entry: hit.entry, offset: hit.range.lowerBound, insideWord: commonWord(around: hit.range, in: chars, exceptEntries: true))
        }
    }

    /// The longest dictionary word of `chars` that strictly contains `range`, if any.
    func commonWord(around range: Range<Int>, in chars: [Character], exceptEntries: Bool) -> String? {
        guard longestContext > range.count else { return nil }
        var best: String?
        for start in stride(from: range.lowerBound, through: max(0, range.upperBound - longestContext), by: -1) {
            for end in stride(from: min(chars.count, start + longestContext), through: range.upperBound, by: -1) where end - start > range.count {
                let word = String(chars[start..<end])
                if contexts.contains(word), entries[word] == nil, word.count > (best?.count ?? 0) { best = word }
            }
        }
        return best
    }

    /// Whether a specific of three or more characters is made only of transliteration characters
    /// (伊斯坦, 卡尔达) and is not a known word containing a table word.
    public func looksTransliterated(_ specific: String) -> Bool {
        specific.count >= 3 && specific.allSatisfy { transliteration.contains($0) } && !contexts.contains(specific)
    }
}
