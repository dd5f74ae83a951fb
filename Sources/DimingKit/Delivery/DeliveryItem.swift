import Crypto
import DimingCore
import Foundation

/// One record a delivery carries: a standard-named road, a village, or an accepted POI (WGS-84).
public struct DeliveryItem: Sendable {
    public enum Kind: String, Sendable, Codable { case road, village, poi }

    public var ref: String
    public var kind: Kind
    public var name: String
    /// Toned pinyin (Wángzhuāng Dōnglù).
    public var pinyin: String
    public var category: POICategory?
    public var point: Coordinate
    public var line: LineString?
    public var address: String?
    public var division: String
    /// The 12-digit statistical code of the town (or village, or county) the record lies in.
    public var divisionCode: String = ""
    /// 路线编号 (X/Y/C + 3 digits), carried from the imported segments.
    public var routeRef: String?
    /// 曾用名: the name a renaming replaced.
    public var formerName: String?
    /// The approval's document number (批复文号) and day, for a road's standard name.
    public var approvalNumber: String?
    public var approvalDate: String?
    /// Where the record comes from: the approving authority, the statistical division table, a POI's source.
    public var source: String = ""
    /// A road's segments as OSM gets them when one came from OSM (empty otherwise: the road is one
    /// new way): each segment imported from a versioned OSM way is that way, modified in place; any
    /// other is a new way.
    public var osmParts: [OSMPart] = []

    /// One segment of a road, for OSM: its line (WGS-84) and the OSM way it came from, if any.
    public struct OSMPart: Sendable {
        public var line: LineString
        public var way: OSMIdentity?

        /// The OSM way this part is sent as, modified in place: a whole way of OSM's own (positive
        /// ids) with its version, its tags and every node's version (JOSM needs them), node for
        /// point as the line has them. Otherwise the part is drawn as a new way.
        public var inPlace: (way: OSMIdentity, version: Int)? {
            guard let way, way.way > 0, let version = way.version, !way.tags.isEmpty, way.nodes.count == line.points.count,
                  way.nodes.allSatisfy({ $0 > 0 }), way.nodeVersions?.count == way.nodes.count else { return nil }
            return (way, version)
        }
    }

    /// The OSM ways (id, version) the record is sent as.
    public var osmWays: [DeliveredRecord.Way] {
        osmParts.compactMap { part in part.inPlace.map { DeliveredRecord.Way(id: $0.way.way, version: $0.version) } }
    }

    /// What a change set compares: name, pinyin, category and geometry (to 1e-6°).
    public var fingerprint: String {
        let geometry = (line?.points ?? [point]).map { String(format: "%.6f,%.6f", $0.lon, $0.lat) }.joined(separator: ";")
        let text = [kind.rawValue, name, pinyin, category?.key ?? "", geometry, address ?? ""].joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
