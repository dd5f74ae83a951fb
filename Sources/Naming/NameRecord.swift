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

    enum CodingKeys: String, CodingKey { case id, text, specific, generic, specificToneless, status, countyCode, townCode, roadID }

    /// As JSON the status is one string: the registered name's status, or `source`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  specific: try c.decode(String.self, forKey: .specific), generic: try c.decode(String.self, forKey: .generic),
                  specificToneless: try c.decode(String.self, forKey: .specificToneless),
                  status: NameStatus(rawValue: try c.decode(String.self, forKey: .status)),
                  countyCode: try c.decodeIfPresent(String.self, forKey: .countyCode), townCode: try c.decodeIfPresent(String.self, forKey: .townCode),
                  roadID: try c.decodeIfPresent(String.self, forKey: .roadID))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encode(specific, forKey: .specific)
        try c.encode(generic, forKey: .generic)
        try c.encode(specificToneless, forKey: .specificToneless)
        try c.encode(status?.rawValue ?? "source", forKey: .status)
        try c.encodeIfPresent(countyCode, forKey: .countyCode)
        try c.encodeIfPresent(townCode, forKey: .townCode)
        try c.encodeIfPresent(roadID, forKey: .roadID)
    }
}
