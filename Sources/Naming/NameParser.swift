import DimingCore

/// A name taken apart: 专名 (specific), modifiers, ordinal and 通名 (generic).
public struct ParsedName: Hashable, Codable, Sendable {
    public var text: String
    public var specific: String
    public var modifiers: [NameModifier]
    /// The ordinal of a numbered street (幸福一路 → 1, 第九弄 → 9).
    public var ordinal: Int?
    /// The ordinal as written, 第 included (一, 十二, 第九).
    public var ordinalText: String?
    public var generic: String
    /// Other ways to read the name, said rather than guessed silently.
    public var ambiguities: [String]

    /// The ordinal is written with 第 (第九弄 Dì-9 Nòng).
    public var ordinalHasDi: Bool { ordinalText?.hasPrefix("第") ?? false }

    /// Every modifier between 专名 and 通名 as written, the ordinal included (幸福一路 → 一).
    public var allModifiers: [NameModifier] {
        (ordinalText.map { [NameModifier(text: $0, kind: .ordinal)] } ?? []) + modifiers
    }
}

/// Parses road names into 专名 + modifiers + 通名 by the 1984 rules (DOMAIN.md §4):
/// 王庄东路 → 王庄 + 东 + 路; 王庄后街 → 王庄 + 后 + 街; 中山北大街 → 中山 + 北 + 大街;
/// 幸福一路 → 幸福 + 一 (1) + 路; 三马路 → 三 (3) + 马路; 第九弄 → 第九 (9) + 弄; 南小街 → 南 + 小 + 街;
/// 王庄东西大街 → 王庄 + 东西 + 大街; 王庄北滨河路 → 王庄 + 北 + 滨河 + 路; 东大街 → 东 + 大街;
/// 伟大路 → 伟大 + 路 (a size modifier needs more than one character before it, or a direction: 南小街);
/// 三八路 → 三八 + 路 (a number that is the whole specific is not an ordinal). Village names are never
/// split (王庄, 张家坊); when a modifier could belong to the specific (河东路), the name is kept whole
/// and the other reading reported.
public struct NameParser: Sendable {
    public var generics: GenericTerms
    /// Place names in scope: a specific that is one of them is never split (河东 stays 河东).
    public var knownPlaces: Set<String>

    /// The one-syllable modifiers of rule 2 (方位、大小、新旧、形态), joined to the generic they modify.
    static let directions: Set<Character> = ["东", "西", "南", "北", "中"]
    /// Two-syllable descriptors between the specific and the generic, written as a word of their own
    /// (王庄东西大街 Wángzhuāng Dōngxī Dàjiē, 王庄北滨河路 Wángzhuāng Běibīnhé Lù).
    public static let descriptors: Set<String> = ["东西", "南北", "滨河", "沿河", "滨江", "沿江", "滨湖", "环湖", "沿湖", "滨海", "沿海",
                                                  "环城", "环村", "沿山", "环山", "滨水"]
    static let numerals: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    public init(generics: GenericTerms, knownPlaces: Set<String> = []) {
        self.generics = generics
        self.knownPlaces = knownPlaces
    }

    public func parse(_ text: String) -> ParsedName {
        let name = text.trimmingCharacters(in: .whitespaces)
        var result = ParsedName(text: name, specific: name, modifiers: [], ordinal: nil, ordinalText: nil, generic: "", ambiguities: [])
        guard var generic = generics.suffix(of: name) else {
            result.ambiguities.append("no generic term (通名) found: the name is taken as a whole")
            return result
        }
        // 马路 is a generic only after an ordinal (二马路 2 Mǎlù, but 大马路 Dàmǎ Lù).
        if generic.kind == "numbered", ordinal(Array(name.dropLast(generic.term.count)), generic: generic) == nil,
           let plain = generics.suffix(of: name, excludingKind: "numbered") {
            generic = plain
        }
        result.generic = generic.term
        var rest = Array(name.dropLast(generic.term.count))

        if let (value, count) = ordinal(rest, generic: generic) {
            result.ordinal = value
            result.ordinalText = String(rest.suffix(count))
            rest.removeLast(count)
            result.specific = String(rest)
            return result
        }
        // A two-syllable descriptor (东西, 滨河), possibly with a one-syllable modifier before it.
        if rest.count >= 4, Self.descriptors.contains(String(rest.suffix(2))), !knownPlaces.contains(String(rest)) {
            result.modifiers.append(NameModifier(text: String(rest.suffix(2)), kind: .other))
            rest.removeLast(2)
            if rest.count >= 3, let last = rest.last, let kind = ModifierKind.oneSyllable[last] {
                result.modifiers.insert(NameModifier(text: String(last), kind: kind), at: 0)
                rest.removeLast()
            }
            result.specific = String(rest)
            return result
        }
        // A size modifier joined to the generic (南小街), then a direction or another modifier before it.
        // Before it, one character alone is a specific only when it is a direction or a known place
        // (南小街 Nán Xiǎojiē); otherwise the two are one specific (伟大路 Wěidà Lù, not Wěi Dàlù).
        if rest.count >= 2, let last = rest.last, ModifierKind.oneSyllable[last] == .size {
            if rest.count == 2 && !Self.directions.contains(rest[0]) && !knownPlaces.contains(String(rest[0])) {
                result.ambiguities.append("\(String(rest)) may be one name or \(rest[0]) + \(last): kept whole")
                result.specific = String(rest)
                return result
            }
            result.modifiers.append(NameModifier(text: String(last), kind: .size))
            rest.removeLast()
        }
        if let last = rest.last, let kind = ModifierKind.oneSyllable[last], kind != .size, result.modifiers.isEmpty || Self.directions.contains(last) {
            let whole = String(rest), stem = String(rest.dropLast())
            if rest.count < 2 {
                // 东大街: the direction is the specific.
            } else if knownPlaces.contains(whole) || knownPlaces.contains(whole + "村") {
                result.ambiguities.append("\(whole) is a place name, kept whole (not \(stem) + \(last))")
            } else if rest.count == 2 && !knownPlaces.contains(stem) {
                if Self.directions.contains(last) {
                    result.ambiguities.append("\(whole) may be one name or \(stem) + direction \(last): kept whole")
                }
            } else {
                result.modifiers.insert(NameModifier(text: String(last), kind: kind), at: 0)
                rest.removeLast()
            }
        }
        result.specific = String(rest)
        return result
    }

    /// An ordinal right before the generic: 第 + a number (第九弄), a number after something
    /// non-numeric (经五路, 幸福十二路), or a number alone before 马路 or 环路 (二马路, 三环路).
    func ordinal(_ rest: [Character], generic: GenericTerm) -> (Int, Int)? {
        let run = rest.reversed().prefix { Self.numerals[$0] != nil || $0 == "十" || $0 == "百" }.count
        guard run > 0, let value = Self.number(Array(rest.suffix(run))) else { return nil }
        if run < rest.count && rest[rest.count - run - 1] == "第" { return (value, run + 1) }
        if run < rest.count { return (value, run) }
        return generic.kind == "numbered" || generic.kind == "ring" ? (value, run) : nil
    }

    /// 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一百 → 100; nil for anything else.
    static func number(_ chars: [Character]) -> Int? {
        if chars.count == 1, let n = numerals[chars[0]] { return n == 0 ? nil : n }
        if chars == ["十"] { return 10 }
        if chars.count == 2, chars[1] == "百", let n = numerals[chars[0]], n > 0 { return n * 100 }
        if let ten = chars.firstIndex(of: "十"), !chars.contains("百") {
            let tens = ten == 0 ? 1 : (ten == 1 ? numerals[chars[0]] : nil)
            let units = ten == chars.count - 1 ? 0 : (ten == chars.count - 2 ? numerals[chars[chars.count - 1]] : nil)
            guard let tens, let units, tens > 0 else { return nil }
            return tens * 10 + units
        }
        return nil
    }
}
