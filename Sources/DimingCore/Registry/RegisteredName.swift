import Foundation

/// A name in the registry (登记的地名): its parts, romanisation, status and search keys.
public struct RegisteredName: Codable, Sendable, Hashable {
    public var id: FeatureID
    public var text: String
    public var specific: String
    /// The modifiers between 专名 and 通名, the ordinal included (王庄东路 → 东, 幸福一路 → 一).
    public var modifiers: [NameModifier]
    public var generic: String
    public var toned: String
    public var sign: String
    /// Toneless syllables of the whole name, space-separated.
    public var toneless: String
    public var specificToneless: String
    public var status: NameStatus
    public var countyCode: DivisionCode
    public var townCode: DivisionCode?
    public var roadID: FeatureID?
    public var location: Coordinate?

    public init(id: FeatureID, text: String, specific: String, modifiers: [NameModifier], generic: String, toned: String, sign: String,
                toneless: String, specificToneless: String, status: NameStatus, countyCode: DivisionCode, townCode: DivisionCode?,
                roadID: FeatureID?, location: Coordinate?) {
        self.id = id
        self.text = text
        self.specific = specific
        self.modifiers = modifiers
        self.generic = generic
        self.toned = toned
        self.sign = sign
        self.toneless = toneless
        self.specificToneless = specificToneless
        self.status = status
        self.countyCode = countyCode
        self.townCode = townCode
        self.roadID = roadID
        self.location = location
    }

    /// The search terms: the text, its characters and bigrams, toneless syllables, the joined
    /// syllables and the initials (幸福路 → … xing fu lu xingfulu xfl).
    public var searchTerms: String {
        let characters = Array(text)
        var terms = [text] + characters.map(String.init)
        if characters.count > 2 { terms += (0..<characters.count - 1).map { String(characters[$0...$0 + 1]) } }
        let syllables = toneless.split(separator: " ").map { $0.replacingOccurrences(of: "ü", with: "v") }
        terms += syllables
        terms.append(syllables.joined())
        terms.append(String(syllables.compactMap(\.first)))
        return terms.joined(separator: " ")
    }
}
