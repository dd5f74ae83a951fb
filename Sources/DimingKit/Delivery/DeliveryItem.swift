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
    }

    /// The OSM ways (id, version) the record is sent as.
    public var osmWays: [DeliveredRecord.Way] {
        osmParts.compactMap { part in part.way.flatMap { way in way.version.map { DeliveredRecord.Way(id: way.way, version: $0) } } }
    }

    /// What a change set compares: name, pinyin, category and geometry (to 1e-6°).
    public var fingerprint: String {
        let geometry = (line?.points ?? [point]).map { String(format: "%.6f,%.6f", $0.lon, $0.lat) }.joined(separator: ";")
        let text = [kind.rawValue, name, pinyin, category?.key ?? "", geometry, address ?? ""].joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
