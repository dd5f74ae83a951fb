/// What a modifier in a name does (王庄**东**路, 幸福**一**路).
public enum ModifierKind: String, Codable, Sendable {
    case direction
    case ordinal
    case size
    case other
}

/// A modifier between 专名 and 通名, such as 东 in 王庄东路 or 一 in 幸福一路.
public struct NameModifier: Hashable, Codable, Sendable {
    public var text: String
    public var kind: ModifierKind

    public init(text: String, kind: ModifierKind) {
        self.text = text
        self.kind = kind
    }
}

extension ModifierKind {
    /// The one-syllable modifiers of rule 2 (方位、大小、新旧、形态) and what each does.
    public static let oneSyllable: [Character: ModifierKind] = {
        var kinds: [Character: ModifierKind] = [:]
        for c in "东西南北中前后左右上下里外内" { kinds[c] = .direction }
        for c in "大小" { kinds[c] = .size }
        for c in "新老旧正直横支" { kinds[c] = .other }
        return kinds
    }()

    /// The kind of a modifier as the name parser assigns it, from its text alone: a numeral (一, 十二,
    /// 第九) is an ordinal, one syllable of rule 2 has its kind, anything else (滨河, 东西) is other.
    public init(of text: String) {
        if !text.isEmpty, text.allSatisfy({ "第零〇一二三四五六七八九十百".contains($0) || $0.isASCII && $0.isNumber }) {
            self = .ordinal
        } else if text.count == 1, let kind = Self.oneSyllable[text.first!] {
            self = kind
        } else {
            self = .other
        }
    }
}

extension NameModifier {
    /// A modifier as written, its kind told by ``ModifierKind/init(of:)``.
    public init(_ text: String) {
        self.init(text: text, kind: ModifierKind(of: text))
    }
}
