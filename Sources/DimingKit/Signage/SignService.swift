import DimingCore
import Foundation
import GeoFormats
import Naming

/// How a county plans and makes its signs (kept in the registry's settings).
public struct SignSettings: Codable, Sendable, Hashable {
    /// The longest stretch of road without a sign, metres.
    public var spacing = 2000.0
    /// The QR payload: `{road}` and `{code}` are replaced.
    public var qrPattern = "diming:road:{road}?sign={code}"
    public var eastWestColour = "#1D4F9C"
    public var northSouthColour = "#00703C"
    public var funding = "财政预算"
    public var material = "铝板反光膜"
    /// The county's public web address (`https://dm.example.gov.cn`): a plate's QR code opens the
    /// name's public page under it (``PublicAddress``). Without it, plates carry no QR code.
    public var publicBaseURL: String?
    /// How far (metres) a sign may stand from its planned point before the crew is warned.
    public var positionTolerance = 30.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        // Settings saved before a field existed keep its default.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SignSettings()
        spacing = try c.decodeIfPresent(Double.self, forKey: .spacing) ?? defaults.spacing
        qrPattern = try c.decodeIfPresent(String.self, forKey: .qrPattern) ?? defaults.qrPattern
        eastWestColour = try c.decodeIfPresent(String.self, forKey: .eastWestColour) ?? defaults.eastWestColour
        northSouthColour = try c.decodeIfPresent(String.self, forKey: .northSouthColour) ?? defaults.northSouthColour
        funding = try c.decodeIfPresent(String.self, forKey: .funding) ?? defaults.funding
        material = try c.decodeIfPresent(String.self, forKey: .material) ?? defaults.material
        publicBaseURL = try c.decodeIfPresent(String.self, forKey: .publicBaseURL)
        positionTolerance = try c.decodeIfPresent(Double.self, forKey: .positionTolerance) ?? defaults.positionTolerance
    }
}

/// One sign's change of status in the field: when, who, photo, notes.
public struct SignEvent: Sendable {
    public var status: SignStatus
    public var date: Date
    public var photo: String?
    public var notes: String?
    /// Where the crew stood (WGS-84), from the phone's geolocation.
    public var position: Coordinate?

    public init(status: SignStatus, date: Date, photo: String? = nil, notes: String? = nil, position: Coordinate? = nil) {
        self.position = position
        self.status = status
        self.date = date
        self.photo = photo
        self.notes = notes
    }
}

/// Signs ("有名就有标"): plan them for a road or a batch, render their faces, order them, and
/// follow them in the field. Every change is an audit event.
public struct SignService: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    // MARK: settings

    static func settingsKey(_ county: DivisionCode) -> String { "signs.\(county.countyPart)" }

    public func settings(county: DivisionCode) throws -> SignSettings {
        try registry.read { try Self.settings($0, county: county) }
    }

    static func settings(_ db: any RegistryTransaction, county: DivisionCode) throws -> SignSettings {
        try CountySetting.load(db, key: settingsKey(county), absent: SignSettings())
    }

    public func setSettings(_ settings: SignSettings, county: DivisionCode) throws {
        try Policy.require(actor, .manageSettings, in: .county(county))
        var settings = settings
        if let base = settings.publicBaseURL {
            settings.publicBaseURL = PublicAddress.normalized(base).isEmpty ? nil : PublicAddress.normalized(base)
            if settings.publicBaseURL != nil { try PublicAddress.check(base) }
        }
        guard settings.positionTolerance.isFinite, settings.positionTolerance > 0 else {
            throw InputError(field: "positionTolerance", "the position tolerance is a number of metres above 0")
        }
        _ = try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: Self.settingsKey(county), action: .settingsSigns,
                                     load: { try Self.settings($0, county: county) }) { $0 = settings }
    }

    // MARK: plan

    /// Plans the signs of a named road, replacing the signs it had planned but not yet ordered.
    public func plan(road id: FeatureID) throws -> [Sign] {
        let now = clock.now()
        return try registry.write { db in try plan(db, road: id, at: now) }
    }

    /// Plans the signs of every road in a batch.
    public func plan(batch id: FeatureID) throws -> [Sign] {
        let now = clock.now()
        return try registry.write { db in
            let cases = try db.cases.list(batch: id)
            guard !cases.isEmpty else { throw RegistryError.notFound(kind: "batch with cases", key: id.description) }
            try Policy.require(actor, .manageSigns, in: .county(cases[0].countyCode))
            return try cases.compactMap(\.roadID).flatMap { try plan(db, road: $0, at: now) }
        }
    }

    func plan(_ db: any RegistryTransaction, road id: FeatureID, at now: Date) throws -> [Sign] {
        guard let road = try db.roads.find(id: id), road.active else { throw RegistryError.notFound(kind: "road", key: id.description) }
        try Policy.require(actor, .manageSigns, in: .of(town: road.townCode, county: road.countyCode))
        let approvedCase = try db.cases.list(road: id).last { $0.state == .approved || $0.state == .standard }
        guard let name = try db.names.standardName(road: id)
            ?? approvedCase.flatMap({ c in try c.nameID.flatMap { try db.names.find(id: $0) } }) else {
            throw ProcedureViolation.noNameToSign(road: id)
        }
        let settings = try Self.settings(db, county: road.countyCode)
        let (crossings, deadStart, deadEnd) = try junctions(db, road)
        let planned = SignPlanner(spacing: settings.spacing).plan(line: road.geometry, crossings: crossings,
                                                                  deadEndAtStart: deadStart, deadEndAtEnd: deadEnd)
        for old in try db.signs.list(road: id, status: .planned) {
            try db.signs.delete(old.id)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .signReplanned, entityKind: "sign", entityID: old.id.description,
                                           before: JSON.string(["road": road.id.description, "code": old.code])))
        }
        let ids = try db.ids.mint(kind: .sign, county: road.countyCode.countyPart, count: planned.count)
        let type: SignType = ["巷", "弄", "胡同", "里"].contains(name.generic) ? .lane : .road
        let signs = zip(planned, ids).map { plan, id -> Sign in
            let code = "\(road.countyCode.countyPart)-\(String(format: "%05d", id.serial))"
            var sign = Sign(id: id, code: code, type: type, status: .planned, roadID: road.id, text: name.text, pinyin: name.sign,
                            position: plan.position, roadBearing: plan.roadBearing, facing: plan.facing, back: plan.back, forward: plan.forward,
                            deadEnd: plan.deadEnd, crossRoad: plan.crossRoad, direction: road.direction, sizeClass: .roadDefault,
                            material: settings.material, funding: settings.funding,
                            qrPayload: PublicAddress.namePage(settings, name: name.id)
                                ?? settings.qrPattern.replacingOccurrences(of: "{road}", with: road.id.description).replacingOccurrences(of: "{code}", with: code))
            sign.sizeClass = Self.fittingSize(sign, settings: settings)
            return sign
        }
        for sign in signs {
            try db.signs.save(sign, at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .signPlanned, entityKind: "sign", entityID: sign.id.description,
                                               after: JSON.string(["road": road.id.description, "code": sign.code, "cross": sign.crossRoad ?? ""])))
        }
        return signs
    }

    /// Named roads meeting this one (with where, metres from its start), and whether its ends are dead ends.
    func junctions(_ db: any RegistryTransaction, _ road: Road) throws -> ([(name: String, distance: Double)], Bool, Bool) {
        guard let box = road.geometry.boundingBox?.expanded(by: 0.0005) else { return ([], true, true) }
        let others = try db.roads.list(in: box).filter { $0.id != road.id }
        let projection = LocalProjection(origin: road.geometry.points[0])
        let touch = 15.0
        var crossings: [(String, Double)] = []
        for other in others {
            guard let name = other.name, name != road.name else { continue }
            // Where the other road's vertices come close to this road: crossings and T-junctions.
            var best: (distance: Double, along: Double)?
            for point in other.geometry.points {
                let near = projection.nearest(point, on: road.geometry)
                if near.distance <= touch && (best == nil || near.distance < best!.distance) { best = near }
            }
            // This road's ends on the other road.
            for (point, along) in [(road.geometry.points.first!, 0.0), (road.geometry.points.last!, road.length)] {
                let near = LocalProjection(origin: point).nearest(point, on: other.geometry)
                if near.distance <= touch && (best == nil || near.distance < best!.distance) { best = (near.distance, along) }
            }
            if let best { crossings.append((name, best.along)) }
        }
        func isDeadEnd(_ point: Coordinate) -> Bool {
            !others.contains { LocalProjection(origin: point).distance(from: point, to: $0.geometry) <= 5 }
        }
        return (crossings, isDeadEnd(road.geometry.points.first!), isDeadEnd(road.geometry.points.last!))
    }

    /// The smallest plate of the type on which the text fits unsqueezed.
    static func fittingSize(_ sign: Sign, settings: SignSettings) -> PlateSize {
        let sizes: [PlateSize] = (sign.type == .lane ? [(900, 300), (1200, 300), (1500, 300)] : [(1200, 400), (1500, 400), (1800, 400), (2400, 400)])
            .map { PlateSize(width: $0.0, height: $0.1) }
        return sizes.first { SignFaceSVG.render(face(sign, settings: settings, size: $0)).layout.warnings.isEmpty } ?? sizes.last!
    }

    /// A sign's face: the county's colour for the road's direction, and the QR code of the name's
    /// public page (`qr`, else the stored payload when it is a web address).
    static func face(_ sign: Sign, settings: SignSettings, size: PlateSize? = nil, qr: String? = nil) -> SignFace {
        let size = size ?? sign.sizeClass
        return SignFace(text: sign.text, pinyin: sign.pinyin, width: Double(size.width), height: Double(size.height),
                        background: SignFace.colour(direction: sign.direction, eastWest: settings.eastWestColour, northSouth: settings.northSouthColour),
                        back: sign.back, forward: sign.forward, houseNumbers: sign.houseNumbers,
                        qr: qr ?? (PublicAddress.isWebAddress(sign.qrPayload) ? sign.qrPayload : nil))
    }

    /// The address a sign's QR code opens: the public page of the name the plate shows, under the
    /// county's public base URL (nil when the county has none or the name is unknown).
    static func qrContent(_ db: any RegistryTransaction, _ sign: Sign, settings: SignSettings) throws -> String? {
        guard let name = try db.names.history(road: sign.roadID).map(\.name).last(where: { $0.text == sign.text }) else {
            return PublicAddress.isWebAddress(sign.qrPayload) ? sign.qrPayload : nil
        }
        return PublicAddress.namePage(settings, name: name.id)
    }

    // MARK: faces

    /// The SVG face of a stored sign.
    public func render(_ id: FeatureID) throws -> (svg: String, layout: SignFaceLayout) {
        try registry.read { db in
            guard let sign = try db.signs.find(id: id) else { throw RegistryError.notFound(kind: "sign", key: id.description) }
            let settings = try Self.settings(db, county: DivisionCode(sign.id.county)!)
            return SignFaceSVG.render(Self.face(sign, settings: settings, qr: try Self.qrContent(db, sign, settings: settings)))
        }
    }

    // MARK: field work

    /// Records a field event: ordered, installed, inspected, damaged, missing, replaced, removed.
    public func record(_ id: FeatureID, _ event: SignEvent) throws -> Sign {
        let now = clock.now()
        return try registry.write { db in
            guard let stored = try db.signs.find(id: id) else { throw RegistryError.notFound(kind: "sign", key: id.description) }
            let road = try db.roads.find(id: stored.roadID)
            try Policy.require(actor, .recordSignWork, in: .of(town: road?.townCode, county: DivisionCode(stored.id.county)!))
            var current: (text: String, pinyin: String)?
            let standard = try db.names.standardName(road: stored.roadID)
            if event.status == .replaced, let standard {
                current = (standard.text, standard.sign) // a replacement plate shows the current name
            }
            // A plate set up in the field shows the road's current standard name, or it is not set up.
            if event.status == .installed || event.status == .replaced {
                try Self.requireCurrentName(stored, standard: standard, replacing: event.status == .replaced)
            }
            let before = stored.status
            let sign = try stored.moved(to: event.status, currentName: current)
            try db.signs.save(sign, at: now)
            var details = ["date": DeadlineRules.dayString(event.date), "status": event.status.rawValue]
            details["photo"] = event.photo
            details["notes"] = event.notes
            if let position = event.position {
                details["position"] = String(format: "%.7f,%.7f", position.lon, position.lat)
                details["distance"] = String(format: "%.1f", Geodesy.distance(position, stored.position))
            }
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: AuditAction(event.status), entityKind: "sign",
                                               entityID: sign.id.description, before: JSON.string(["status": before.rawValue]), after: JSON.string(details)))
            return sign
        }
    }

    /// Refuses to set up a plate that does not show the road's current standard name (a name just
    /// retired or replaced, or no standard name at all): `replacing` plates get the current name, so
    /// only a road without one refuses them.
    static func requireCurrentName(_ sign: Sign, standard: RegisteredName?, replacing: Bool) throws {
        guard let standard else {
            throw ProcedureViolation.notReady(what: "NO_STANDARD_NAME",
                                              en: "sign \(sign.code): road \(sign.roadID) has no current standard name, so no plate may be set up (\(sign.text) is not one)",
                                              zh: "标志\(sign.code)：道路\(sign.roadID)目前没有标准地名，牌面“\(sign.text)”不能安装。")
        }
        guard replacing || standard.text == sign.text else {
            throw ProcedureViolation.notReady(what: "NOT_CURRENT_NAME",
                                              en: "sign \(sign.code) shows \(sign.text), but the road's current standard name is \(standard.text): order a plate with the current name (signs replace)",
                                              zh: "标志\(sign.code)的牌面是“\(sign.text)”，而道路现行标准地名是“\(standard.text)”：不能安装，请按现行名称更换牌面。")
        }
    }

    /// The signs the actor may see: their county's (a township clerk's too), never another county's.
    public func list(road: FeatureID? = nil, county: DivisionCode? = nil, status: SignStatus? = nil) throws -> [Sign] {
        try registry.read { try $0.signs.list(road: road, county: county, status: status) }
            .filter { sign in DivisionCode(sign.id.county).map { Policy.allows(actor, .viewRegistry, in: .county($0)) } ?? false }
    }
}
