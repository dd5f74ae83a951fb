import Foundation

/// The kinds of place-name sign (地名标志, GB 17733).
public enum SignType: String, CaseIterable, Codable, Sendable {
    /// 街路牌
    case road
    /// 巷牌
    case lane
    /// 村牌
    case village
    /// 指示牌
    case guide

    public var chinese: String {
        switch self {
        case .road: "街路牌"
        case .lane: "巷牌"
        case .village: "村牌"
        case .guide: "指示牌"
        }
    }
}

/// Where a sign stands in its life (DOMAIN.md §6).
public enum SignStatus: String, CaseIterable, Codable, Sendable {
    case planned, ordered, installed, inspected, damaged, missing, replaced, removed

    /// The statuses a sign may move to.
    public var next: [SignStatus] {
        switch self {
        case .planned: [.ordered, .removed]
        case .ordered: [.installed, .removed]
        case .installed, .inspected, .replaced: [.inspected, .damaged, .missing, .removed]
        case .damaged, .missing: [.replaced, .removed]
        case .removed: []
        }
    }

    /// A sign that stands in the field (showing its text to the public).
    public var isStanding: Bool { [.installed, .inspected, .damaged, .replaced].contains(self) }
}

/// What one end of a plate shows: the road continues that way (arrow/triangle) or ends (dot).
public enum EndMarker: String, Codable, Sendable {
    case continues
    case ends
}

/// A place-name sign: where it stands, what it shows, its lifecycle and who pays.
public struct Sign: Codable, Sendable, Hashable {
    public var id: FeatureID
    /// Unique in the county, painted on the sign.
    public var code: String
    public var type: SignType
    public var status: SignStatus
    public var roadID: FeatureID
    /// The name it shows, and its sign-form pinyin.
    public var text: String
    public var pinyin: String
    public var position: Coordinate
    /// Bearing of the road at the sign (the plate's right-hand arrow points this way), degrees.
    public var roadBearing: Double
    /// Which way the plate's front faces, degrees (across the road).
    public var facing: Double
    /// The marker toward the start of the road (left of the plate) and toward its end (right).
    public var back: EndMarker
    public var forward: EndMarker
    /// The road ends at this sign's back or front in a dead end.
    public var deadEnd: Bool
    public var crossRoad: String?
    /// The road's direction (东西, 南北 …): picks the colour style.
    public var direction: RoadDirection
    public var sizeClass: PlateSize
    public var material: String
    public var funding: String
    public var qrPayload: String
    public var houseNumbers: String?
    /// Sides, mounting and post height, set when the plate is ordered (nil before).
    public var mounting: SignMounting?

    public init(id: FeatureID, code: String, type: SignType, status: SignStatus, roadID: FeatureID, text: String, pinyin: String,
                position: Coordinate, roadBearing: Double, facing: Double, back: EndMarker, forward: EndMarker, deadEnd: Bool,
                crossRoad: String?, direction: RoadDirection, sizeClass: PlateSize, material: String, funding: String, qrPayload: String,
                houseNumbers: String? = nil) {
        self.id = id
        self.code = code
        self.type = type
        self.status = status
        self.roadID = roadID
        self.text = text
        self.pinyin = pinyin
        self.position = position
        self.roadBearing = roadBearing
        self.facing = facing
        self.back = back
        self.forward = forward
        self.deadEnd = deadEnd
        self.crossRoad = crossRoad
        self.direction = direction
        self.sizeClass = sizeClass
        self.material = material
        self.funding = funding
        self.qrPayload = qrPayload
        self.houseNumbers = houseNumbers
    }
}
