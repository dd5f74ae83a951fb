import DimingCore
import Foundation

/// Facts of the road a name is for, to check the 通名 against (名副其实).
public struct RoadFacts: Codable, Sendable {
    public var length: Double
    public var width: Double?
    public init(length: Double, width: Double? = nil) {
        self.length = length
        self.width = width
    }
}

/// What checking a name found.
public struct NameCheck: Codable, Sendable {
    public var name: String
    public var romanization: Romanization
    public var findings: [Finding]
    /// The readings to confirm (多音字), one per character the review finding names, each starting
    /// on the reading shown: what the live check offers to confirm.
    public var readings: [ReadingChoice] = []
    /// Errors not accepted by a waiver: `names check` exits 1 when there is one.
    public var errors: Int { findings.filter { $0.severity == .error && $0.waiver == nil }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning && $0.waiver == nil }.count }
    /// No errors, and every warning waived.
    public var passes: Bool { errors == 0 && warnings == 0 }
    /// The findings that stand in the way of registering the name: errors not waived.
    public var blocking: [Finding] { findings.filter { $0.severity == .error && $0.waiver == nil } }
}

/// The naming rules of DOMAIN.md §3: duplicates and same 专名, homophones and near-homophones,
/// look-alike characters, characters outside the standard table, Latin letters, digits,
/// punctuation, the law's rule tables matched by word (leaders, foreign places, literary characters,
/// enterprises, unhealthy and grandiose words), transliterated specifics, person names, the county's
/// 专名 length limit, the 通名 against the road, and the readings to confirm.
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
        findings += lengthFindings(name)
        findings += contentFindings(parsed)
        findings += scopeFindings(parsed, romanization: romanization, scope: scope)
        if let road { findings += genericFindings(parsed, road: road) }
        if parsed.generic.isEmpty {
            findings.append(Finding(code: .noGeneric, severity: .warning, message: "未识别出通名（路、街、巷等）",
                                    messageEn: "no generic term (路, 街, 巷 …) found"))
        }
        for ambiguity in parsed.ambiguities where !parsed.generic.isEmpty {
            findings.append(Finding(code: .ambiguousParse, severity: .info, message: "名称结构有歧义：\(ambiguity)", messageEn: ambiguity))
        }
        if !romanization.review.isEmpty {
            let characters = romanization.review.joined(separator: "、")
            findings.append(Finding(code: .readingReview, severity: .info, message: "多音字读音需确认：\(characters)",
                                    messageEn: "confirm the reading of polyphonic characters: \(characters)", subject: characters))
        }
        return NameCheck(name: name, romanization: romanization, findings: findings.sorted { $0.severity > $1.severity },
                         readings: romanization.readingChoices(romanizer.dictionary))
    }

    /// A name longer than any name may be: an error, whatever the county's 专名 limit.
    func lengthFindings(_ name: String) -> [Finding] {
        let count = name.count, limit = tables.maxNameLength
        guard count > limit else { return [] }
        return [Finding(code: .nameTooLong, severity: .error, message: "名称有\(count)个字，超过\(limit)个字的上限（路牌难以容纳，群众难以称呼）",
                        messageEn: "the name has \(count) characters, more than the limit of \(limit)")]
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
            findings.append(Finding(code: .rareCharacter, severity: .error, message: "使用了通用规范汉字表以外的生僻字：\(list(rare))",
                                    messageEn: "rare characters outside the Table of General Standard Chinese Characters: \(list(rare))", subject: list(rare)))
        }
        if !level3.isEmpty {
            findings.append(Finding(code: .level3Character, severity: .warning, message: "使用了通用规范汉字表三级字：\(list(level3))",
                                    messageEn: "level-3 characters of the standard table: \(list(level3))", subject: list(level3)))
        }
        if !latin.isEmpty {
            findings.append(Finding(code: .latinLetter, severity: .error, message: "使用了拉丁字母：\(list(latin))",
                                    messageEn: "Latin letters: \(list(latin))", subject: list(latin)))
        }
        if !digits.isEmpty {
            findings.append(Finding(code: .digit, severity: .error, message: "使用了阿拉伯数字：\(list(digits))（序数用汉字，如“一路”）",
                                    messageEn: "Arabic digits: \(list(digits)) (write ordinals in Chinese, e.g. 一路)", subject: list(digits)))
        }
        if !marks.isEmpty {
            findings.append(Finding(code: .punctuation, severity: .error, message: "使用了标点、空格或符号：\(list(marks))",
                                    messageEn: "punctuation, spaces or symbols: \(list(marks))", subject: list(marks)))
        }
        return findings
    }

    /// The law's rule tables matched by word, transliterated specifics, person names, 专名 length.
    func contentFindings(_ parsed: ParsedName) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for match in tables.forbidden.matches(in: parsed.text) where seen.insert(match.entry.word + match.entry.category.rawValue).inserted {
            let entry = match.entry, category = entry.category
            if let word = match.insideWord, !(category == .leader && !entry.alsoCommon) {
                findings.append(Finding(code: .insideCommonWord, severity: .info,
                                        message: "“\(entry.word)”（\(category.chinese)）只出现在普通词语“\(word)”中",
                                        messageEn: "\(entry.word) (\(category.english)) occurs only inside the common word \(word)", subject: entry.word))
                continue
            }
            let severity: Severity = entry.alsoCommon ? .warning : category.severity
            let note = entry.note.isEmpty ? "" : "（\(entry.note)）"
            findings.append(Finding(code: category.findingCode, severity: severity,
                                    message: "含\(category.chinese)“\(entry.word)”\(note)" + (entry.alsoCommon ? "，亦为普通词语，请核实" : ""),
                                    messageEn: "contains \(category.english): \(entry.word)" + (entry.alsoCommon ? " (also a common word: check the meaning)" : ""),
                                    subject: entry.word, absolute: category == .leader && !entry.alsoCommon))
        }
        let protected = (tables.protectedNames[parsed.text] ?? []) + (parsed.specific == parsed.text ? [] : tables.protectedNames[parsed.specific] ?? [])
        for entry in Set(protected).sorted(by: { $0.name < $1.name }) {
            findings.append(Finding(code: .heritageName, severity: .warning,
                                    message: "“\(entry.name)”是列入地名文化遗产保护名录（\(entry.level)）的历史地名，位于\(entry.place)；他处不宜重复使用",
                                    messageEn: "\(entry.name) is a protected historical name (heritage list, \(entry.level)) of \(entry.place); not to be reused elsewhere",
                                    subject: entry.name))
        }
        if tables.forbidden.looksTransliterated(parsed.specific) {
            findings.append(Finding(code: .transliteratedName, severity: .warning,
                                    message: "专名“\(parsed.specific)”全部由外国人名译写常用字组成，可能是外国人名或地名的音译",
                                    messageEn: "the specific \(parsed.specific) is made only of characters used to transliterate foreign names",
                                    subject: parsed.specific))
        }
        let specific = Array(parsed.specific)
        if (2...3).contains(specific.count), tables.surnames.contains(specific[0]),
           specific.dropFirst().allSatisfy({ tables.givenNameCharacters.contains($0) }),
           !tables.settlementCharacters.contains(specific.last!) {
            findings.append(Finding(code: .personName, severity: .warning, message: "专名“\(parsed.specific)”可能是人名",
                                    messageEn: "the specific \(parsed.specific) may be a person's name", subject: parsed.specific))
        }
        if let limit = tables.maxSpecificLength, specific.count > limit {
            findings.append(Finding(code: .specificTooLong, severity: .warning,
                                    message: "专名“\(parsed.specific)”有\(specific.count)个字，超过本县规定的\(limit)个字",
                                    messageEn: "the specific \(parsed.specific) has \(specific.count) characters, more than the county's limit of \(limit)",
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
            findings.append(Finding(code: .duplicate, severity: .error, message: "与已有地名重名：\(texts(duplicate))",
                                    messageEn: "duplicates an existing name: \(texts(duplicate))", conflicts: duplicate))
        }
        if !sameSpecific.isEmpty {
            findings.append(Finding(code: .sameSpecific, severity: .warning, message: "专名“\(parsed.specific)”已用于：\(texts(sameSpecific))",
                                    messageEn: "the specific \(parsed.specific) is already used by: \(texts(sameSpecific))", conflicts: sameSpecific))
        }
        if !homophone.isEmpty {
            findings.append(Finding(code: .homophone, severity: .warning, message: "与已有地名同音：\(texts(homophone))",
                                    messageEn: "sounds the same as: \(texts(homophone))", conflicts: homophone))
        }
        if !near.isEmpty {
            findings.append(Finding(code: .nearHomophone, severity: .info, message: "与已有地名音近：\(texts(near))",
                                    messageEn: "sounds close to: \(texts(near))", conflicts: near))
        }
        if !lookalike.isEmpty {
            findings.append(Finding(code: .lookalike, severity: .warning, message: "与已有地名字形相近：\(texts(lookalike))",
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
            problems.append(String(format: "宽%g米，不足%.0f米", width, term.minWidth))
            problemsEn.append(String(format: "%g m wide, less than %.0f m", width, term.minWidth))
        }
        guard !problems.isEmpty else { return [] }
        return [Finding(code: .genericMisfit, severity: .warning,
                        message: "通名“\(term.term)”与道路实际不符：\(problems.joined(separator: "，"))（\(term.guidance)）",
                        messageEn: "the generic \(term.term) does not fit the road: \(problemsEn.joined(separator: ", "))", subject: term.term)]
    }
}
