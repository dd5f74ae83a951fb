import Foundation

/// A whole road (道路): stitched segments with a permanent id, its survey description and its members.
/// A road is not its name: unnamed roads (无名路) are ordinary roads with no current name, described by
/// where they run (起点, 止点, villages passed, a working name).
public struct Road: Sendable, Codable {
    public var id: FeatureID
    public var countyCode: DivisionCode
    public var townCode: DivisionCode?
    public var active: Bool
    public var roadClass: String
    public var name: String?
    public var workingName: String?
    public var direction: RoadDirection
    public var length: Double
    public var start: String
    public var end: String
    /// Villages passed: code and name.
    public var villages: [Village]
    public var geometry: LineString
    public var segments: [Member]

    public struct Village: Sendable, Codable, Hashable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public struct Member: Sendable, Codable, Hashable {
        public var segment: FeatureID
        public var reversed: Bool
        public init(segment: FeatureID, reversed: Bool) {
            self.segment = segment
            self.reversed = reversed
        }
    }

    public init(id: FeatureID, countyCode: DivisionCode, townCode: DivisionCode?, active: Bool, roadClass: String, name: String?,
                workingName: String?, direction: RoadDirection, length: Double, start: String, end: String, villages: [Village],
                geometry: LineString, segments: [Member]) {
        self.id = id
        self.countyCode = countyCode
        self.townCode = townCode
        self.active = active
        self.roadClass = roadClass
        self.name = name
        self.workingName = workingName
        self.direction = direction
        self.length = length
        self.start = start
        self.end = end
        self.villages = villages
        self.geometry = geometry
        self.segments = segments
    }
}
