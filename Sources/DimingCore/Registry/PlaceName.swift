/// Where a name stands in its life (see DOMAIN.md §5).
public enum NameStatus: String, CaseIterable, Codable, Sendable {
    /// 拟名: proposed, not yet in the procedure.
    case proposed
    /// In the statutory procedure (consultation … announcement).
    case inProcedure
    /// 标准地名: approved, filed and announced.
    case standard
    /// 曾用名: replaced by a rename, kept as history.
    case former
    /// 销名: retired.
    case retired
}

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

/// The reading of one character, and whether staff confirmed it (polyphones need review).
public struct SyllableReading: Hashable, Codable, Sendable {
    public var character: String
    /// Toned Hanyu Pinyin, e.g. `zhuāng`.
    public var pinyin: String
    public var confirmed: Bool

    public init(character: String, pinyin: String, confirmed: Bool) {
        self.character = character
        self.pinyin = pinyin
        self.confirmed = confirmed
    }
}

/// A structured place name: 专名 (specific) + modifiers + 通名 (generic), with readings and status.
public struct PlaceName: Hashable, Codable, Sendable {
    public var id: FeatureID?
    /// 专名, e.g. 王庄.
    public var specific: String
    public var modifiers: [NameModifier]
    /// 通名, e.g. 路.
    public var generic: String
    public var readings: [SyllableReading]
    public var status: NameStatus

    public init(id: FeatureID? = nil, specific: String, modifiers: [NameModifier] = [], generic: String,
                readings: [SyllableReading] = [], status: NameStatus = .proposed) {
        self.id = id
        self.specific = specific
        self.modifiers = modifiers
        self.generic = generic
        self.readings = readings
        self.status = status
    }

    /// The name as written: 专名 + modifiers + 通名.
    public var text: String { specific + modifiers.map(\.text).joined() + generic }
}
