import DimingCore
import Foundation
import GeoFormats

/// The sign crew's work on a phone (标志安装与巡检): the signs of their town by status, one sign with
/// its face, planned point and navigation links, and a field report (已安装, 巡检, 损坏, 丢失, 更换)
/// with a photo from the camera and the position from the phone, checked against the planned point.
public struct SignFieldWork: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock
    public var files: AttachmentStore

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock(), files: AttachmentStore? = nil) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
        self.files = files ?? AttachmentStore(beside: registry)
    }

    /// A sign as the crew sees it.
    public struct FieldSign: Sendable {
        public var sign: Sign
        public var roadName: String
        public var townCode: DivisionCode?
        /// The road's current standard name (nil when it has none): a plate showing anything else is not set up.
        public var currentName: String?
        public var tolerance: Double
        public var face: String
        /// Where the field events happened: date, status, distance, photo reference.
        public var history: [FieldEvent]
        /// The road's line (WGS-84), for the map around the sign.
        public var line: [Coordinate] = []

        /// Opens Amap at the sign (its URI API takes GCJ-02 longitude,latitude).
        public var amapLink: String {
            let p = CoordinateSystem.gcj02.fromWGS84(sign.position)
            return "https://uri.amap.com/marker?position=\(String(format: "%.6f,%.6f", p.lon, p.lat))&name=\(Self.query(sign.code + " " + sign.text))&coordinate=gaode&callnative=1"
        }

        /// Opens Baidu Maps at the sign (its marker API takes BD-09 latitude,longitude).
        public var baiduLink: String {
            let p = CoordinateSystem.bd09.fromWGS84(sign.position)
            return "https://api.map.baidu.com/marker?location=\(String(format: "%.6f,%.6f", p.lat, p.lon))&title=\(Self.query(sign.code))&content=\(Self.query(sign.text))&coord_type=bd09ll&output=html&src=diming"
        }

        static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
    }

    public struct FieldEvent: Sendable {
        public var at: Date
        public var status: String
        public var distance: String?
        public var photo: String?
        public var notes: String?
    }

    /// What a report did: the sign after it, and how far the crew stood from the planned point.
    public struct Outcome: Sendable {
        public var sign: Sign
        public var distance: Double?
        public var tolerance: Double
        public var beyondTolerance: Bool { (distance ?? 0) > tolerance }
    }

    /// The signs of the actor's town (a township clerk) or county, with their roads' names.
    public func signs(status: SignStatus? = nil) throws -> [(sign: Sign, roadName: String)] {
        guard let county = actor.countyCode ?? actor.townCode?.ancestor(at: .county) else {
            try Policy.require(actor, .recordSignWork, in: actor.ownScope)
            return []
        }
        try Policy.require(actor, .recordSignWork, in: actor.ownScope)
        return try registry.read { db in
            var roads: [FeatureID: Road?] = [:]
            return try db.signs.list(county: county, status: status).compactMap { sign in
                if roads[sign.roadID] == nil { roads[sign.roadID] = try db.roads.find(id: sign.roadID) }
                let road = roads[sign.roadID] ?? nil
                guard Policy.allows(actor, .recordSignWork, in: .of(town: road?.townCode, county: county)) else { return nil }
                return (sign, road?.name ?? road?.workingName ?? sign.roadID.description)
            }
        }
    }

    /// One sign with its face (the county's colours for the road's direction, the QR code), its
    /// road's current name, the tolerance and its field history.
    public func show(_ id: FeatureID) throws -> FieldSign {
        try registry.read { db in
            guard let sign = try db.signs.find(id: id) else { throw RegistryError.notFound(kind: "sign", key: id.description) }
            let road = try db.roads.find(id: sign.roadID)
            try Policy.require(actor, .recordSignWork, in: .of(town: road?.townCode, county: DivisionCode(sign.id.county)!))
            let settings = try SignService.settings(db, county: DivisionCode(sign.id.county)!)
            let face = SignFaceSVG.render(SignService.face(sign, settings: settings, qr: try SignService.qrContent(db, sign, settings: settings))).svg
            let history = try db.audit.events(entityKind: "sign", entityID: id.description).map { event -> FieldEvent in
                let details = event.after.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
                return FieldEvent(at: event.at, status: event.action.signStatus?.chinese ?? event.action.chinese, distance: details["distance"],
                                  photo: details["photo"], notes: details["notes"])
            }
            return FieldSign(sign: sign, roadName: road?.name ?? road?.workingName ?? sign.roadID.description, townCode: road?.townCode,
                             currentName: try db.names.standardName(road: sign.roadID)?.text, tolerance: settings.positionTolerance,
                             face: face, history: history, line: road?.geometry.points ?? [])
        }
    }

    /// Records a field report. The photo is checked (a JPEG or PNG within the size limits, its header
    /// read before anything else) and kept by content; the position must be a real point. Installing
    /// or replacing a plate that does not show the road's current standard name is refused, and so is
    /// setting up a plate beyond the county's tolerance from its planned point without a note saying why.
    public func report(_ id: FeatureID, status: SignStatus, photo: (data: Data, file: String)? = nil, position: Coordinate? = nil,
                       notes: String? = nil) throws -> Outcome {
        if let position { try Self.check(position) }
        let notes = notes.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500)) }.flatMap { $0.isEmpty ? nil : $0 }
        if let position, notes == nil, status == .installed || status == .replaced {
            let (planned, tolerance) = try registry.read { db -> (Coordinate?, Double?) in
                guard let sign = try db.signs.find(id: id) else { return (nil, nil) }
                let road = try db.roads.find(id: sign.roadID)
                try Policy.require(actor, .recordSignWork, in: .of(town: road?.townCode, county: DivisionCode(sign.id.county)!))
                return (sign.position, try SignService.settings(db, county: DivisionCode(sign.id.county)!).positionTolerance)
            }
            if let planned, let tolerance, Geodesy.distance(position, planned) > tolerance {
                throw UnexplainedDistance(sign: id, distance: Geodesy.distance(position, planned), tolerance: tolerance)
            }
        }
        var reference: String?
        if let photo {
            let header: ImageHeader
            do { header = try ImageHeader.check(photo.data, file: photo.file) } catch { throw InputError(field: "photo", error.zh) }
            reference = try files.store(photo.data, fileExtension: header.format.fileExtension).reference
        }
        let service = SignService(registry: registry, actor: actor, clock: clock)
        let before = try registry.read { try $0.signs.find(id: id) }
        let sign = try service.record(id, SignEvent(status: status, date: clock.now(), photo: reference, notes: notes, position: position))
        let settings = try service.settings(county: DivisionCode(sign.id.county)!)
        return Outcome(sign: sign, distance: position.map { Geodesy.distance($0, before?.position ?? sign.position) }, tolerance: settings.positionTolerance)
    }

    /// A position from a phone: finite, on the globe, and in China's range (where the registry works).
    static func check(_ point: Coordinate) throws {
        guard point.lon.isFinite, point.lat.isFinite else { throw InputError(field: "position", "位置不是有效数字（NaN 或无穷大）") }
        guard (73...136).contains(point.lon), (3...54).contains(point.lat) else {
            throw InputError(field: "position", "位置 \(point.lon),\(point.lat) 不在中国境内，请重新定位")
        }
    }
}
