import DimingCore

/// How serious a finding is.
public enum Severity: String, Codable, Comparable, Sendable {
    case info, warning, error

    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A name already in the registry, as the rules compare against it.
public struct NameRecord: Hashable, Codable, Sendable {
    public var id: String
    public var text: String
    public var specific: String
    public var generic: String
    /// Toneless syllables of the specific, space-separated: `wang zhuang`.
    public var specificToneless: String
    public var status: String
    public var countyCode: String?
    public var townCode: String?
    public var roadID: String?

    public init(id: String, text: String, specific: String, generic: String, specificToneless: String, status: String,
                countyCode: String? = nil, townCode: String? = nil, roadID: String? = nil) {
        self.id = id
        self.text = text
        self.specific = specific
        self.generic = generic
        self.specificToneless = specificToneless
        self.status = status
        self.countyCode = countyCode
        self.townCode = townCode
        self.roadID = roadID
    }
}

/// One problem with a proposed name: a code, a severity, a message in Chinese and English, the
/// characters or words at fault, and the registry records it conflicts with.
public struct Finding: Codable, Sendable, Hashable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var messageEn: String
    public var subject: String?
    public var conflicts: [NameRecord]
    /// Set when a warning was accepted: who and why.
    public var waiver: String?

    public init(code: String, severity: Severity, message: String, messageEn: String, subject: String? = nil, conflicts: [NameRecord] = []) {
        self.code = code
        self.severity = severity
        self.message = message
        self.messageEn = messageEn
        self.subject = subject
        self.conflicts = conflicts
    }
}

/// Facts of the road a name is for, to check the 通名 against (名副其实).
public struct RoadFacts: Codable, Sendable {
    public var length: Double
    public var width: Double?
    public init(length: Double, width: Double? = nil) {
        self.length = length
        self.width = width
    }
}

/// The county-editable tables the rules use (GeoData/names).
public struct NamingRuleTables: Sendable {
    /// word → (category, reason)
    public var banned: [(word: String, category: String, reason: String)] = []
    /// character → look-alike group
    public var lookalikeGroup: [Character: Int] = [:]
    public var surnames: Set<Character> = []
    public var givenNameCharacters: Set<Character> = []
    public var settlementCharacters: Set<Character> = []
    /// Levels of the 通用规范汉字表 when known (1–3); nil: only membership is known.
    public var levels: [Character: Int]?
    public var maxSpecificLength = 4
    /// Pairs of sounds counted as near-homophones: n/l, z/zh, c/ch, s/sh, an/ang, en/eng, in/ing.
    public var nearSounds: [(String, String)] = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("ang", "an"), ("eng", "en"), ("ing", "in"), ("l", "n")]

    public init() {}

    /// Reads banned-words.tsv, lookalikes.tsv and person-names.tsv.
    public init(banned: String, lookalikes: String, personNames: String) {
        for line in banned.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            if f.count >= 3 { self.banned.append((f[0], f[1], f[2])) }
        }
        for (index, line) in lookalikes.split(whereSeparator: \.isNewline).filter({ !$0.hasPrefix("#") }).enumerated() {
            for character in line where !character.isWhitespace { lookalikeGroup[character] = index }
        }
        for line in personNames.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 2 else { continue }
            switch f[0] {
            case "surnames": surnames = Set(f[1])
            case "given": givenNameCharacters = Set(f[1])
            case "settlement": settlementCharacters = Set(f[1])
            default: break
            }
        }
    }
}

/// What checking a name found.
public struct NameCheck: Codable, Sendable {
    public var name: String
    public var romanization: Romanization
    public var findings: [Finding]
    public var errors: Int { findings.filter { $0.severity == .error && $0.waiver == nil }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning && $0.waiver == nil }.count }
    /// No errors, and every warning waived.
    public var passes: Bool { errors == 0 && warnings == 0 }
}

/// The naming rules of DOMAIN.md §3: duplicates and same 专名, homophones and near-homophones,
/// look-alike characters, characters outside the standard table, Latin letters, digits,
/// punctuation, banned words, person names, 专名 length, and the 通名 against the road.
public struct NameChecker: Sendable {
    public var romanizer: Romanizer
    public var tables: NamingRuleTables

    public init(romanizer: Romanizer, tables: NamingRuleTables) {
        self.romanizer = romanizer
        self.tables = tables
    }

    /// Checks `name` against `scope` (the names it must not clash with) and the road's facts.
    public func check(_ name: String, scope: [NameRecord], road: RoadFacts? = nil, overrides: [String: [String]] = [:]) -> NameCheck {
        check(name, scope: NameScopeIndex(scope, tables: tables), road: road, overrides: overrides)
    }

    /// Checks against a prepared index of the names in scope (for many checks against one scope).
    public func check(_ name: String, scope: NameScopeIndex, road: RoadFacts? = nil, overrides: [String: [String]] = [:]) -> NameCheck {
        let romanization = romanizer.romanize(name, overrides: overrides)
        let parsed = romanization.parsed
        var findings: [Finding] = []
        findings += characterFindings(name)
        findings += contentFindings(parsed)
        findings += scopeFindings(parsed, romanization: romanization, scope: scope)
        if let road { findings += genericFindings(parsed, road: road) }
        if parsed.generic.isEmpty {
            findings.append(Finding(code: "NO_GENERIC", severity: .warning, message: "未识别出通名（路、街、巷等）",
                                    messageEn: "no generic term (路, 街, 巷 …) found"))
        }
        for ambiguity in parsed.ambiguities where !parsed.generic.isEmpty {
            findings.append(Finding(code: "AMBIGUOUS_PARSE", severity: .info, message: "名称结构有歧义：\(ambiguity)", messageEn: ambiguity))
        }
        if !romanization.review.isEmpty {
            let characters = romanization.review.joined(separator: "、")
            findings.append(Finding(code: "READING_REVIEW", severity: .info, message: "多音字读音需确认：\(characters)",
                                    messageEn: "confirm the reading of polyphonic characters: \(characters)", subject: characters))
        }
        return NameCheck(name: name, romanization: romanization, findings: findings.sorted { $0.severity > $1.severity })
    }

    /// One finding per kind of bad character, naming the characters.
    func characterFindings(_ name: String) -> [Finding] {
        var rare: [Character] = [], level3: [Character] = [], latin: [Character] = [], digits: [Character] = [], marks: [Character] = []
        for character in name {
            if character.isASCII && character.isLetter { latin.append(character) }
            else if character.isNumber && (character.isASCII || character.unicodeScalars.first!.properties.numericType == .decimal) { digits.append(character) }
            else if character.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
                if !romanizer.dictionary.standard.contains(character) { rare.append(character) }
                else if tables.levels?[character] == 3 { level3.append(character) }
            } else { marks.append(character) }
        }
        var findings: [Finding] = []
        func list(_ characters: [Character]) -> String { characters.map { String($0) }.joined(separator: "、") }
        if !rare.isEmpty {
            findings.append(Finding(code: "RARE_CHARACTER", severity: .error, message: "使用了通用规范汉字表以外的生僻字：\(list(rare))",
                                    messageEn: "rare characters outside the Table of General Standard Chinese Characters: \(list(rare))", subject: list(rare)))
        }
        if !level3.isEmpty {
            findings.append(Finding(code: "LEVEL3_CHARACTER", severity: .warning, message: "使用了通用规范汉字表三级字：\(list(level3))",
                                    messageEn: "level-3 characters of the standard table: \(list(level3))", subject: list(level3)))
        }
        if !latin.isEmpty {
            findings.append(Finding(code: "LATIN_LETTER", severity: .error, message: "使用了拉丁字母：\(list(latin))",
                                    messageEn: "Latin letters: \(list(latin))", subject: list(latin)))
        }
        if !digits.isEmpty {
            findings.append(Finding(code: "DIGIT", severity: .error, message: "使用了阿拉伯数字：\(list(digits))（序数用汉字，如“一路”）",
                                    messageEn: "Arabic digits: \(list(digits)) (write ordinals in Chinese, e.g. 一路)", subject: list(digits)))
        }
        if !marks.isEmpty {
            findings.append(Finding(code: "PUNCTUATION", severity: .error, message: "使用了标点、空格或符号：\(list(marks))",
                                    messageEn: "punctuation, spaces or symbols: \(list(marks))", subject: list(marks)))
        }
        return findings
    }

    /// Banned words, person names, 专名 length.
    func contentFindings(_ parsed: ParsedName) -> [Finding] {
        var findings: [Finding] = []
        for entry in tables.banned where parsed.text.contains(entry.word) {
            findings.append(Finding(code: "BANNED_WORD", severity: .error, message: "含禁用词“\(entry.word)”：\(entry.reason)",
                                    messageEn: "contains the banned word \(entry.word) (\(entry.category))", subject: entry.word))
        }
        let specific = Array(parsed.specific)
        if (2...3).contains(specific.count), tables.surnames.contains(specific[0]),
           specific.dropFirst().allSatisfy({ tables.givenNameCharacters.contains($0) }),
           !tables.settlementCharacters.contains(specific.last!) {
            findings.append(Finding(code: "PERSON_NAME", severity: .warning, message: "专名“\(parsed.specific)”可能是人名",
                                    messageEn: "the specific \(parsed.specific) may be a person's name", subject: parsed.specific))
        }
        if specific.count > tables.maxSpecificLength {
            findings.append(Finding(code: "SPECIFIC_TOO_LONG", severity: .error,
                                    message: "专名“\(parsed.specific)”有\(specific.count)个字，超过\(tables.maxSpecificLength)个字",
                                    messageEn: "the specific \(parsed.specific) has \(specific.count) characters, more than \(tables.maxSpecificLength)",
                                    subject: parsed.specific))
        }
        return findings
    }

    /// Duplicates, same 专名, homophones, near-homophones and look-alikes among the names in scope.
    func scopeFindings(_ parsed: ParsedName, romanization: Romanization, scope: NameScopeIndex) -> [Finding] {
        let specificToneless = romanization.specificToneless
        let duplicate = scope.byText[parsed.text] ?? []
        let sameSpecific = parsed.specific.isEmpty ? [] : (scope.bySpecific[parsed.specific] ?? []).filter { $0.text != parsed.text }
        let homophone = (scope.byToneless[specificToneless] ?? []).filter { $0.specific != parsed.specific }
        let near = (scope.byFuzzy[scope.fuzzyKey(specificToneless)] ?? []).filter { $0.specificToneless != specificToneless }
        let lookalike = (scope.byLookalike[scope.lookalikeKey(parsed.specific)] ?? []).filter { $0.specific != parsed.specific }
        var findings: [Finding] = []
        func texts(_ records: [NameRecord]) -> String { records.prefix(5).map(\.text).joined(separator: "、") }
        if !duplicate.isEmpty {
            findings.append(Finding(code: "DUPLICATE", severity: .error, message: "与已有地名重名：\(texts(duplicate))",
                                    messageEn: "duplicates an existing name: \(texts(duplicate))", conflicts: duplicate))
        }
        if !sameSpecific.isEmpty {
            findings.append(Finding(code: "SAME_SPECIFIC", severity: .warning, message: "专名“\(parsed.specific)”已用于：\(texts(sameSpecific))",
                                    messageEn: "the specific \(parsed.specific) is already used by: \(texts(sameSpecific))", conflicts: sameSpecific))
        }
        if !homophone.isEmpty {
            findings.append(Finding(code: "HOMOPHONE", severity: .warning, message: "与已有地名同音：\(texts(homophone))",
                                    messageEn: "sounds the same as: \(texts(homophone))", conflicts: homophone))
        }
        if !near.isEmpty {
            findings.append(Finding(code: "NEAR_HOMOPHONE", severity: .info, message: "与已有地名音近：\(texts(near))",
                                    messageEn: "sounds close to: \(texts(near))", conflicts: near))
        }
        if !lookalike.isEmpty {
            findings.append(Finding(code: "LOOKALIKE", severity: .warning, message: "与已有地名字形相近：\(texts(lookalike))",
                                    messageEn: "looks like: \(texts(lookalike))", conflicts: lookalike))
        }
        return findings
    }

    /// The 通名 against the road's measured length and width.
    func genericFindings(_ parsed: ParsedName, road: RoadFacts) -> [Finding] {
        guard let term = romanizer.parser.generics.term(parsed.generic) else { return [] }
        var problems: [String] = [], problemsEn: [String] = []
        if term.minLength > 0 && road.length < term.minLength {
            problems.append(String(format: "长%.0f米，不足%.0f米", road.length, term.minLength))
            problemsEn.append(String(format: "%.0f m long, less than %.0f m", road.length, term.minLength))
        }
        if term.maxLength > 0 && road.length > term.maxLength {
            problems.append(String(format: "长%.0f米，超过%.0f米", road.length, term.maxLength))
            problemsEn.append(String(format: "%.0f m long, more than %.0f m", road.length, term.maxLength))
        }
        if let width = road.width, term.minWidth > 0 && width < term.minWidth {
            problems.append(String(format: "宽%.0f米，不足%.0f米", width, term.minWidth))
            problemsEn.append(String(format: "%.0f m wide, less than %.0f m", width, term.minWidth))
        }
        guard !problems.isEmpty else { return [] }
        return [Finding(code: "GENERIC_MISFIT", severity: .warning,
                        message: "通名“\(term.term)”与道路实际不符：\(problems.joined(separator: "，"))（\(term.guidance)）",
                        messageEn: "the generic \(term.term) does not fit the road: \(problemsEn.joined(separator: ", "))", subject: term.term)]
    }
}
