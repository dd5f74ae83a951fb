import DimingCore

/// A name taken apart: 专名 (specific), modifiers, ordinal and 通名 (generic).
public struct ParsedName: Hashable, Codable, Sendable {
    public var text: String
    public var specific: String
    public var modifiers: [NameModifier]
    /// The ordinal of a numbered street (幸福一路 → 1).
    public var ordinal: Int?
    public var ordinalText: String?
    public var generic: String
    /// Other ways to read the name, said rather than guessed silently.
    public var ambiguities: [String]

    public var placeName: PlaceName {
        var modifiers = self.modifiers
        if let ordinalText { modifiers.insert(NameModifier(text: ordinalText, kind: .ordinal), at: 0) }
        return PlaceName(specific: specific, modifiers: modifiers, generic: generic)
    }
}

/// Parses road names into 专名 + modifiers + 通名 (DOMAIN.md §4):
/// 王庄东路 → 王庄 + 东 + 路; 中山北大街 → 中山 + 北 + 大街; 幸福一路 → 幸福 + 一 (1) + 路;
/// 南小街 → 南 + 小 + 街; 东大街 → 东 + 大街; 三八路 → 三八 + 路 (a number that is the whole
/// specific is not an ordinal). Village names are never split (王庄, 张家坊); when a direction
/// could belong to the specific (河东路), the name is kept whole and the other reading reported.
public struct NameParser: Sendable {
    public var generics: GenericTerms
    /// Place names in scope: a specific that is one of them is never split (河东 stays 河东).
    public var knownPlaces: Set<String>

    static let directions: Set<Character> = ["东", "西", "南", "北", "中"]
    static let sizes: Set<Character> = ["小"]
    static let numerals: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    public init(generics: GenericTerms, knownPlaces: Set<String> = []) {
        self.generics = generics
        self.knownPlaces = knownPlaces
    }

    public func parse(_ text: String) -> ParsedName {
        let name = text.trimmingCharacters(in: .whitespaces)
        var result = ParsedName(text: name, specific: name, modifiers: [], ordinal: nil, ordinalText: nil, generic: "", ambiguities: [])
        guard let generic = generics.suffix(of: name) else {
            result.ambiguities.append("no generic term (通名) found: the name is taken as a whole")
            return result
        }
        result.generic = generic.term
        var rest = Array(name.dropLast(generic.term.count))

        // An ordinal right before the generic, when something non-numeric precedes it.
        let numeralRun = rest.reversed().prefix { Self.numerals[$0] != nil || $0 == "十" || $0 == "百" }.count
        if numeralRun > 0 && numeralRun < rest.count, let value = Self.number(Array(rest.suffix(numeralRun))) {
            result.ordinal = value
            result.ordinalText = String(rest.suffix(numeralRun))
            rest.removeLast(numeralRun)
        }
        // A size modifier joined to the generic (南小街).
        if result.ordinal == nil, rest.count >= 2, let last = rest.last, Self.sizes.contains(last) {
            result.modifiers.append(NameModifier(text: String(last), kind: .size))
            rest.removeLast()
        }
        // A direction modifier (王庄东路), unless it is all that is left (东大街) or belongs to a place.
        if result.ordinal == nil, rest.count >= 2, let last = rest.last, Self.directions.contains(last) {
            let whole = String(rest), stem = String(rest.dropLast())
            if knownPlaces.contains(whole) || knownPlaces.contains(whole + "村") {
                result.ambiguities.append("\(whole) is a place name, kept whole (not \(stem) + \(last))")
            } else if rest.count == 2 && !knownPlaces.contains(stem) {
                result.ambiguities.append("\(whole) may be one name or \(stem) + direction \(last): kept whole")
            } else {
                result.modifiers.insert(NameModifier(text: String(last), kind: .direction), at: 0)
                rest.removeLast()
            }
        }
        result.specific = String(rest)
        return result
    }

    /// 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23; nil for anything else.
    static func number(_ chars: [Character]) -> Int? {
        if chars.count == 1, let n = numerals[chars[0]] { return n == 0 ? nil : n }
        if chars == ["十"] { return 10 }
        if let ten = chars.firstIndex(of: "十") {
            let tens = ten == 0 ? 1 : (chars.count > 0 && ten == 1 ? numerals[chars[0]] : nil)
            let units = ten == chars.count - 1 ? 0 : (ten == chars.count - 2 ? numerals[chars[chars.count - 1]] : nil)
            guard let tens, let units else { return nil }
            return tens * 10 + units
        }
        return nil
    }
}
