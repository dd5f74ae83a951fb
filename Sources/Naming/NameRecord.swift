import DimingCore

/// A name in use in a proposal's scope, as the rules compare against it (在用地名): a registered
/// name, or the name a road carries in its source data.
public struct NameRecord: Hashable, Codable, Sendable {
    public var id: String
    public var text: String
    public var specific: String
    public var generic: String
    /// Toneless syllables of the specific, space-separated: `wang zhuang`.
    public var specificToneless: String
    /// Where the registered name stands; nil for the name a road carries in its source data, not in the registry.
    public var status: NameStatus?
    public var countyCode: String?
    public var townCode: String?
    public var roadID: String?

    public init(id: String, text: String, specific: String, generic: String, specificToneless: String, status: NameStatus?,
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
