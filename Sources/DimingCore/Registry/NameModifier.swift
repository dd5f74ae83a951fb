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
