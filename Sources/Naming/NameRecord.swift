import DimingCore

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
