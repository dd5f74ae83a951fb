import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird

/// The data officer's page (数据管理): upload road files and division tables with progress and
/// the import's report, run the survey, make a delivery per provider, download it as one zip and
/// record the provider's acknowledgement. Each step is one use case, which checks the role and scope
/// and writes the audit trail.
extension WebPages {
    /// The upload API, for /openapi.json.
    static let uploadAPI: [(HTTPRequest.Method, String, String)] = [
        (.post, "/api/uploads", "Upload a road or division file as the raw body (?kind=roads|divisions&county=&source=&profile=&crs=&dryRun=1&allowOutside=1&filename=); starts an import job (202 with its id)"),
        (.get, "/api/uploads/:id", "An upload's import job: progress, then its report or its error"),
    ]

    func registerData(on router: Router<AppContext>) {
        @Sendable func county(_ user: UserAccount, _ chosen: String?) async throws -> (DivisionCode?, [Division]) {
            try await countyChoice(user, chosen)
        }
        @Sendable func dataPage(_ request: Request, _ context: AppContext, survey: [SurveyReport]? = nil, message: String? = nil) async throws -> Response {
            let user = try context.requireUser()
            let (code, counties) = try await county(user, request.uri.queryParameters.get("county"))
            try Policy.require(user, .importData, in: code.map { .county($0) } ?? .registry)
            let deliveries = try await blocking { try DeliveryExport.list(services.registry, actor: user) }
                .filter { code == nil || $0.countyCode == code }.sorted { $0.created > $1.created }
            var values: [String: Any] = [
                "csrf": context.csrf ?? "", "county": code?.countyPart ?? "",
                "importProfiles": ImportProfiles(registry: services.registry, actor: user).shippedNames().map { ["value": $0, "label": Self.profileNames[$0] ?? $0] },
                "profiles": Self.deliveryProfiles.map { ["value": $0.0, "label": $0.1] },
                "deliveries": deliveries.prefix(50).map { d -> [String: Any] in
                    var row: [String: Any] = ["id": d.id.description, "profile": Self.deliveryProfiles.first { $0.0 == d.profile }?.1 ?? d.profile,
                                              "date": DeadlineRules.dayString(d.created), "csrf": context.csrf ?? ""]
                    if let by = d.acknowledgedBy {
                        row["acknowledged"] = "\(by) \(d.acknowledgedAt.map(DeadlineRules.dayString) ?? "")\(d.acknowledgement.map { "：" + $0 } ?? "")"
                    }
                    return row
                },
            ]
            if !counties.isEmpty {
                values["hasCounties"] = true
                values["counties"] = counties.map { ["code": $0.code.countyPart, "name": $0.name, "selected": $0.code == code] }
            }
            if let survey {
                values["survey"] = ["rows": survey.map { r -> [String: Any] in
                    ["county": String(r.county.prefix(6)), "segments": r.segments, "roads": r.roads, "named": r.namedRoads, "unnamed": r.unnamedRoads,
                     "added": r.added, "changed": r.changed, "retired": r.retired]
                }]
            }
            if let message = message ?? RedirectMessage.shown(in: request) { values["message"] = message }
            if let notice = RedirectMessage.shown(in: request, as: "notice") { values["notice"] = notice }
            return page("data", title: "数据管理", values, request: context)
        }
        router.get("/data") { request, context in try await dataPage(request, context) }

        // The upload: the file is the raw body (the page sends it with progress), then the import runs
        // as a job the page polls (documented in /openapi.json as `uploadAPI`).
        router.post("/api/uploads") { request, context in
            let user = try context.requireUser()
            try context.checkCSRF(request)
            let query = request.uri.queryParameters
            guard let kind = query.get("kind"), ["roads", "divisions"].contains(kind) else { throw InputError(field: "kind", "kind=roads or divisions") }
            let (code, _) = try await county(user, query.get("county"))
            // Refuse before the bytes arrive when the role cannot import at all.
            try Policy.require(user, .importData, in: kind == "roads" ? code.map { .county($0) } ?? .registry : .registry)
            var options = RoadFileImportOptions()
            options.county = code
            options.source = query.get("source").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            options.dryRun = query.get("dryRun") == "1"
            options.allowOutside = query.get("allowOutside") == "1"
            if let text = query.get("crs")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let crs = SourceCRS(name: text) else { throw InputError(field: "crs", "坐标系应写作 EPSG:4527 这样的代码，或 wgs84、gcj02、bd09：\(text)") }
                options.crs = crs
            }
            var classification = RoadClassification()
            if let profile = query.get("profile"), !profile.isEmpty, profile != "osm" {
                classification = try ImportProfiles(registry: services.registry, actor: user, clock: services.clock)
                    .resolve(profile, county: code).classification()
            }
            let path = try await UploadJobs.receive(request.body, filename: query.get("filename") ?? "")
            let chosen = options, mapping = classification
            let id = services.uploads.start(kind: kind, path: path, owner: user.username) { progress in
                if kind == "divisions" {
                    let report = try DivisionImport(registry: services.registry, actor: user, clock: services.clock, progress: progress).run(path: path)
                    return JSON.string(Self.rows(report))
                }
                // A Shapefile arrives as one ZIP of its parts.
                let file = path.lowercased().hasSuffix(".zip") ? try ShapefileZip.extract(path, into: (path as NSString).deletingLastPathComponent) : path
                var named = chosen
                if named.source == nil { named.source = "file:" + (path as NSString).lastPathComponent }
                let report = try RoadFileImport(registry: services.registry, actor: user, classification: mapping, progress: progress).run(path: file, options: named)
                return JSON.string(Self.rows(report))
            }
            return try JSONResponse.make(["job": id], status: .accepted)
        }
        router.get("/api/uploads/:id") { _, context in
            let user = try context.requireUser()
            guard let status = services.uploads.status(context.parameters.get("id") ?? "", owner: user.username) else {
                throw APIError(status: .notFound, code: "NOT_FOUND", message: "没有这个导入任务 (no such import job)")
            }
            return try JSONResponse.make(status)
        }

        router.post("/data/survey") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            let (code, _) = try await county(user, form["county"])
            do {
                let reports = try await blocking { try SurveyRun(registry: services.registry, actor: user, clock: services.clock).run(county: code) }
                return try await dataPage(request, context, survey: reports)
            } catch {
                let classified = ClassifiedError.classify(error)
                guard [.refused, .badInput].contains(classified.kind) else { throw error }
                return try await dataPage(request, context, message: classified.messageZh)
            }
        }
        router.post("/data/deliveries") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            let (code, _) = try await county(user, form["county"])
            let back = "/data?county=\(code?.countyPart ?? "")"
            guard let code else { return Self.redirect(back, message: "请先导入县级行政区划") }
            guard let profile = form["profile"], Self.deliveryProfiles.contains(where: { $0.0 == profile }) else {
                return Self.redirect(back, message: "请选择服务商")
            }
            return try await Self.step(back: back) {
                try DeliveryExport(registry: services.registry, resources: services.resources, categories: services.categories, actor: user, clock: services.clock)
                    .run(profile: DeliveryProfile.load(profile), county: code, since: form["since"] == "last" ? .last : .everything, root: services.exportsRoot)
            } then: { manifest in
                Self.redirect(RedirectMessage.location(back, message: Self.deliveredNotice(manifest), as: "notice"))
            }
        }
        router.get("/data/deliveries/:id") { _, context in
            let user = try context.requireUser()
            let file = context.parameters.get("id") ?? ""
            guard file.hasSuffix(".zip"), let id = FeatureID(String(file.dropLast(4))) else { throw InputError(field: "id", "不是交付编号：\(file)") }
            let (record, data) = try await blocking { () throws -> (DeliveryRecord, Data) in
                guard let record = try DeliveryExport.list(services.registry, actor: user).first(where: { $0.id == id }) else {
                    throw RegistryError.notFound(kind: "delivery", key: id.description)
                }
                return (record, try FolderArchive.zip(folder: record.folder))
            }
            let name = "\(record.profile)-\(record.id).zip"
            return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(data: data)))
        }
        router.post("/data/deliveries/:id/ack") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init) else { throw InputError(field: "id", "不是交付编号") }
            let by = (form["by"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !by.isEmpty else { return Self.redirect("/data", message: "请填写回执人或单位") }
            let note = (form["note"] ?? "").trimmingCharacters(in: .whitespaces)
            return try await Self.step(back: "/data") {
                try DeliveryExport(registry: services.registry, resources: services.resources, categories: services.categories, actor: user, clock: services.clock)
                    .acknowledge(id, by: by, note: note.isEmpty ? nil : note)
            }
        }
    }

    /// The shipped import profiles' Chinese names.
    static let profileNames = ["osm": "OpenStreetMap 字段（highway、name）", "rural-roads": "农村公路数据（技术等级、路线编码、名称）"]

    /// The providers a delivery can be made for, with their Chinese names.
    static let deliveryProfiles: [(String, String)] = [("amap", "高德地图"), ("baidu", "百度地图"), ("tencent", "腾讯地图"), ("tianditu", "天地图"),
                                                       ("osm", "OpenStreetMap"), ("geojson", "GeoJSON"), ("kml", "KML")]

    /// What a delivery holds, said when it is made: a delivery without roads says why (a road goes out
    /// only with a standard name approved through a naming case, whose approval the provider is given).
    static func deliveredNotice(_ manifest: DeliveryManifest) -> String {
        let count = { (key: String) in manifest.counts[key] ?? 0 }
        var text = "已生成交付 \(manifest.id)：道路 \(count("roads")) 条、村 \(count("villages")) 个、兴趣点 \(count("pois")) 个"
        if manifest.changeSet { text += "（新增 \(count("added"))、变更 \(count("changed"))、撤销 \(count("retired"))）" }
        if count("roads") == 0 { text += "。其中没有道路：只有经审批案卷批准的道路标准地名才会交付" }
        return text
    }

    /// A road import's report as the page shows it: label and value rows in Chinese.
    static func rows(_ report: RoadImportReport) -> [[String]] {
        var rows: [[String]] = [["文件", (report.file as NSString).lastPathComponent], ["来源", report.source], ["格式", report.format ?? ""],
                                ["读取记录", "\(report.features)"], ["导入路段", "\(report.segments)"], ["其中有名", "\(report.namedSegments)"],
                                ["其中无名", "\(report.unnamedSegments)"]]
        for (roadClass, count) in report.byClass.sorted(by: { $0.key < $1.key }) {
            rows.append(["等级：\(RoadClassNames.chinese(roadClass))", "\(count.segments) 段（无名 \(count.unnamed)）"])
        }
        for (reason, count) in report.skipped.sorted(by: { $0.key < $1.key }) { rows.append(["跳过：\(reason)", "\(count)"]) }
        if report.dryRun { rows.insert(["试导入", "未保存任何数据，以下是保存时的结果"], at: 0) }
        if !report.systems.isEmpty { rows.append(["坐标系", report.systems.joined(separator: "、")]) }
        if let conflation = report.conflation {
            rows.append(["与已有道路重合（合并）", "\(conflation.matched)"])
            rows.append(["新增道路", "\(conflation.new)"])
            if conflation.conflicting > 0 { rows.append(["属性不一致", "\(conflation.conflicting)"]) }
        }
        if report.outside > 0 { rows.append(["县界以外", "\(report.outside)"]) }
        if report.replaced > 0 { rows.append(["更新原有路段", "\(report.replaced)"]) }
        if report.kept > 0 { rows.append(["文件未提及、保留的路段", "\(report.kept)"]) }
        return rows
    }

    /// A division import's report as label and value rows.
    static func rows(_ report: DivisionImportReport) -> [[String]] {
        [["文件", (report.file as NSString).lastPathComponent], ["行数", "\(report.rows)"], ["新增", "\(report.added)"], ["变更", "\(report.changed)"],
         ["未变", "\(report.unchanged)"], ["表中未列", "\(report.notInFile)"]]
            + report.byLevel.sorted { $0.key < $1.key }.map { ["层级：\($0.key)", "\($0.value)"] }
    }
}

extension WebPages {
    /// The county an administrator's page works on: their own, or (a registry-wide administrator)
    /// the one chosen, else the first; with the counties to choose from (none for a county's own).
    func countyChoice(_ user: UserAccount, _ chosen: String?) async throws -> (DivisionCode?, [Division]) {
        if let own = user.countyCode { return (own, []) }
        let counties = try await blocking { try DivisionQueries(registry: services.registry).list(parent: nil, level: .county) }
        let picked = chosen.flatMap(DivisionCode.init).flatMap { code in counties.first { $0.code.countyPart == code.countyPart } } ?? counties.first
        return (picked?.code, counties)
    }
}
