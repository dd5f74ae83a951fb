import DimingCore
import Foundation
import GeoFormats

/// The production order for the manufacturer: the planned signs of a batch (or a road) as CSV
/// (UTF-8 with BOM, opens in Excel/WPS) and XLSX, with each sign's SVG face alongside. Ordering
/// moves the signs from planned to ordered. A plate is ordered only with its road's current standard
/// name (标准地名: approved, filed and announced), never a former or not yet standard one; the order
/// says for each plate whether it is single- or double-sided, how it is mounted and how high its post is.
public struct SignOrder {
    public var signs: SignService

    public init(signs: SignService) {
        self.signs = signs
    }

    public struct Written: Codable, Sendable {
        public var csv: String
        public var xlsx: String
        public var faces: [String]
        public var signs: Int
        public var warnings: [String]
    }

    public static let header = ["标志编码", "类型", "尺寸（毫米）", "名称", "汉语拼音", "底色", "数量", "经度", "纬度", "朝向（度）", "左端", "右端",
                                "交叉道路", "道路编号", "材质", "资金来源", "二维码网址", "单双面", "安装方式", "立柱高度（米）"]

    /// Orders the planned signs and writes the order into `folder`. The files are written into a
    /// staging folder beside `folder` inside the transaction that marks the signs ordered, and moved
    /// into `folder` only after it commits (files of an earlier order with the same name are
    /// replaced): if a file cannot be written the signs stay planned, and if the transaction fails no
    /// file appears.
    public func write(batch: FeatureID? = nil, road: FeatureID? = nil, funding: String? = nil, mounting: SignMounting = .standard,
                      to folder: String) throws -> Written {
        let now = signs.clock.now()
        let folder = StagedFolder.normalized(folder)
        let parent = StagedFolder.parent(of: folder)
        StagedFolder.sweep([parent])
        return try StagedFolder.stage(in: parent, merge: true) { staging in
            let written = try signs.registry.write { db -> Written in
                var roads: [FeatureID] = []
                if let batch { roads = try db.cases.list(batch: batch).compactMap(\.roadID) }
                if let road { roads.append(road) }
                guard !roads.isEmpty else { throw InputError(field: "--batch", "name a batch (or a road) to order signs for") }
                var ordered: [Sign] = [], settings: [String: SignSettings] = [:], qr: [String: String] = [:]
                for road in roads {
                    if let found = try db.roads.find(id: road) {
                        try Policy.require(signs.actor, .manageSigns, in: .of(town: found.townCode, county: found.countyCode))
                    }
                    let standard = try db.names.standardName(road: road)
                    for var sign in try db.signs.list(road: road, status: .planned) {
                        try Self.requireCurrentName(sign, standard: standard)
                        if let funding { sign.funding = funding }
                        sign.status = .ordered
                        sign.mounting = mounting
                        try db.signs.save(sign, at: now)
                        try db.audit.append(AuditEvent(at: now, actor: signs.actor.username, action: .signOrdered, entityKind: "sign",
                                                       entityID: sign.id.description, after: JSON.string([
                                                           "funding": sign.funding, "sides": mounting.sides.rawValue, "mounting": mounting.mounting.rawValue,
                                                           "postHeight": mounting.postHeight.map { String(format: "%.2f", $0) } ?? ""])))
                        if settings[sign.id.county] == nil { settings[sign.id.county] = try SignService.settings(db, county: DivisionCode(sign.id.county)!) }
                        qr[sign.code] = try SignService.qrContent(db, sign, settings: settings[sign.id.county]!)
                        ordered.append(sign)
                    }
                }
                guard !ordered.isEmpty else { throw ProcedureViolation.notReady(
                    what: "PLANNED_SIGNS", en: "no planned signs to order: plan them first (diming signs plan)", zh: "没有待订制的标志：请先规划标志。") }
                return try Self.files(ordered, settings: settings, qr: qr, label: batch?.description ?? road!.description, staging: staging.path, folder: folder)
            }
            return (written, folder)
        }
    }

    /// Refuses to order a plate whose name is not its road's current standard name: a road without one
    /// (the name is only proposed or approved, or was retired), or a plate planned under a former name.
    static func requireCurrentName(_ sign: Sign, standard: RegisteredName?) throws {
        guard let standard else {
            throw ProcedureViolation.notReady(what: "NO_STANDARD_NAME",
                                              en: "sign \(sign.code): road \(sign.roadID) has no current standard name, so no plate showing \(sign.text) may be ordered (a name is standard once approved, filed and announced)",
                                              zh: "标志\(sign.code)：道路\(sign.roadID)目前没有标准地名，不能订制牌面“\(sign.text)”（地名经批准、备案并公告后方为标准地名）。")
        }
        guard standard.text == sign.text else {
            throw ProcedureViolation.notReady(what: "NOT_CURRENT_NAME",
                                              en: "sign \(sign.code) shows \(sign.text), but road \(sign.roadID)'s current standard name is \(standard.text): plan the signs again (diming signs plan) and order those",
                                              zh: "标志\(sign.code)的牌面是“\(sign.text)”，而道路现行标准地名是“\(standard.text)”：请重新规划标志后再订制。")
        }
    }

    /// Writes the faces, the CSV and the XLSX into `staging`; the paths returned are those in `folder`.
    /// `qr` holds each sign's public page (by code): drawn on its face and written in the order.
    static func files(_ ordered: [Sign], settings: [String: SignSettings], qr: [String: String] = [:], label: String, staging: String, folder: String) throws -> Written {
        try FileManager.default.createDirectory(atPath: staging + "/faces", withIntermediateDirectories: true)
        var warnings: [String] = [], faces: [String] = []
        let rows = try ordered.map { sign -> [String] in
            let face = SignService.face(sign, settings: settings[sign.id.county] ?? SignSettings(), qr: qr[sign.code])
            let (svg, layout) = SignFaceSVG.render(face)
            try svg.write(toFile: "\(staging)/faces/\(sign.code).svg", atomically: true, encoding: .utf8)
            faces.append("\(folder)/faces/\(sign.code).svg")
            warnings += layout.warnings.map { "\(sign.code): \($0)" }
            return [sign.code, sign.type.chinese, sign.sizeClass.description, sign.text, sign.pinyin, face.background, "1",
                    String(format: "%.7f", sign.position.lon), String(format: "%.7f", sign.position.lat), String(format: "%.0f", sign.facing),
                    sign.back == .ends ? "圆点" : "箭头", sign.forward == .ends ? "圆点" : "箭头", sign.crossRoad ?? "", sign.roadID.description,
                    sign.material, sign.funding, face.qr ?? "", sign.mounting?.sides.chinese ?? "", sign.mounting?.mounting.chinese ?? "",
                    sign.mounting?.postHeight.map { String(format: "%.2f", $0) } ?? ""]
        }
        let unlinked = ordered.filter { qr[$0.code] == nil && !PublicAddress.isWebAddress($0.qrPayload) }.count
        if unlinked > 0 { warnings.append("\(unlinked) sign(s) without a QR code: the county has no public base URL (sign settings publicBaseURL)") }
        let csv = "order-\(label).csv", xlsx = "order-\(label).xlsx"
        try CSVOutput.write(path: "\(staging)/\(csv)", header: header, rows: rows, byteOrderMark: true)
        try XLSXWriter.write(path: "\(staging)/\(xlsx)", sheet: "地名标志订单", header: header, rows: rows)
        return Written(csv: "\(folder)/\(csv)", xlsx: "\(folder)/\(xlsx)", faces: faces, signs: ordered.count, warnings: warnings)
    }
}
