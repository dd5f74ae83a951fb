import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import Naming
import TestSupport
import Testing

@Suite("POIs and deliveries")
struct DeliveryTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    static let county = DivisionCode("379901")!

    struct Fixture {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        let resources: NamingResources
        let categories: POICategories

        func cases(_ day: String) -> CaseService {
            CaseService(registry: registry, resources: resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day(day)!))
        }

        func export(_ day: String = "2026-06-01") -> DeliveryExport {
            DeliveryExport(registry: registry, resources: resources, categories: categories, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day(day)!))
        }

        /// Takes cases through the whole procedure in one batch: they become standard.
        func standardize(_ applications: [CaseApplication], approvalDay: String, document: String) throws {
            let service = cases("2026-01-05")
            var ids: [FeatureID] = []
            for application in applications {
                var application = application
                application.reasons = application.reasons.isEmpty ? "方便群众出行" : application.reasons
                application.meaning = application.meaning.isEmpty ? "以沿线村庄命名" : application.meaning
                let c = try service.create(application)
                _ = try service.advance(c.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
                _ = try service.advance(c.id, to: .submitted, evidence: StepEvidence())
                _ = try service.advance(c.id, to: .underReview, evidence: StepEvidence())
                _ = try service.advance(c.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "网站", assessment: Assessment(conclusion: "可行", date: DeadlineRules.day("2026-01-05")!)))
                ids.append(c.id)
            }
            let batches = BatchService(cases: cases(approvalDay))
            let batch = try batches.create(county: DeliveryTests.county, title: document)
            _ = try batches.add(batch.id, cases: ids)
            _ = try batches.approve(batch.id, approval: Approval(authority: "示范县人民政府", documentNumber: document, date: DeadlineRules.day(approvalDay)!))
            _ = try batches.file(batch.id, filing: Filing(date: DeadlineRules.day(approvalDay)!, body: "示范市民政局"))
            _ = try batches.announce(batch.id, announcement: Announcement(date: DeadlineRules.day(approvalDay)!, channels: ["网站"]))
        }
    }

    func fixture() throws -> Fixture {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        return Fixture(folder: folder, registry: try SQLiteRegistry(path: folder.path("d.sqlite")),
                       resources: try .load(geoData: Self.geoData), categories: try .load(geoData: Self.geoData))
    }

    func unnamedRoads(_ f: Fixture) throws -> [FeatureID] {
        try RoadQueries(registry: f.registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).map { FeatureID($0.id)! }
    }

    @Test("a GB18030 CSV imports with its Chinese intact; swapped coordinates or a point outside the county reject the file by line")
    func poiImport() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let importer = POIImport(registry: f.registry, categories: f.categories, actor: .commandLine("t"))
            let csv = "名称,类别,经度,纬度,联系电话\n幸福农家乐,农家乐,115.842,36.25,13800000000\n江楼快递点,快递物流点/村邮站,115.8425,36.2755,\n"
            let good = f.folder.path("gb.csv")
            try #require(csv.data(using: CSVTable.gb18030)).write(to: URL(fileURLWithPath: good))
            let report = try importer.run(path: good, county: Self.county)
            #expect(report.imported == 2)
            let names = try POIReview(registry: f.registry, actor: .commandLine("t")).pending().map(\.poi.name)
            #expect(names == ["幸福农家乐", "江楼快递点"])

            for (rows, line, phrase) in [("王家合作社,农业合作社,36.26,115.85,\n", 3, "swapped"), ("远方驿站,快递物流点/村邮站,117.5,37.9,\n", 3, "outside")] {
                let bad = f.folder.path("bad.csv")
                try #require(("名称,类别,经度,纬度,联系电话\n李家采摘园,采摘园,115.85,36.27,\n" + rows).data(using: CSVTable.gb18030)).write(to: URL(fileURLWithPath: bad))
                let error = try #require(throws: InputErrors.self) { try importer.run(path: bad, county: Self.county) }
                #expect(error.errors.first?.line == line && error.description.contains(phrase), "\(error)")
                #expect(try POIReview(registry: f.registry, actor: .commandLine("t")).pending().count == 2, "nothing of the bad file was imported")
            }
            // A second 幸福农家乐 close by is flagged as a possible duplicate.
            let again = f.folder.path("again.csv")
            try "名称,类别,经度,纬度\n幸福农家乐园,农家乐,115.8421,36.2501\n".write(toFile: again, atomically: true, encoding: .utf8)
            #expect(try importer.run(path: again, county: Self.county).possibleDuplicates == 1)
        }
    }

    @Test("a profile with an unknown coordinate system, format, field or category column is refused when loaded")
    func profileValidation() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let root = folder.path("GeoData")
            try FileManager.default.createDirectory(atPath: root + "/profiles", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/pois", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.geoData + "/pois/categories.tsv", toPath: root + "/pois/categories.tsv")
            let good = try String(contentsOfFile: Self.geoData + "/profiles/tencent.json", encoding: .utf8)
            for (from, to, phrase) in [("\"gcj02\"", "\"gcj-2\"", "unknown coordinate system gcj-2"), ("\"xlsx\"", "\"xls\"", "unknown format xls"),
                                       ("\"field\": \"lat\"", "\"field\": \"latitude\"", "unknown field latitude"),
                                       ("\"categoryColumn\": \"tencent\"", "\"categoryColumn\": \"qq\"", "unknown category column qq")] {
                #expect(good.contains(from), "\(from)")
                try good.replacingOccurrences(of: from, with: to).write(toFile: root + "/profiles/bad.json", atomically: true, encoding: .utf8)
                let error = try #require(throws: InputError.self) { try DeliveryProfile.load("bad", geoData: root) }
                #expect(error.description.contains(phrase), "\(error)")
            }
            try good.write(toFile: root + "/profiles/good.json", atomically: true, encoding: .utf8)
            #expect(try DeliveryProfile.load("good", geoData: root).categoryColumn == "tencent")
            #expect(try DeliveryProfile.load("tianditu", geoData: Self.geoData).categoryColumn == "tianditu")
        }
    }

    @Test("deliveries: Amap in GCJ-02, Baidu in BD-09, only standard names, manifest checksums, tools accept the files")
    func formats() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let roads = try unnamedRoads(f)
            try f.standardize([CaseApplication(road: roads[0], name: "同心路", applicant: "村委会"), CaseApplication(road: roads[1], name: "惠民路", applicant: "村委会")],
                              approvalDay: "2026-02-01", document: "示政字〔2026〕1号")
            // A pending proposal never leaks into a delivery.
            _ = try f.cases("2026-02-02").create(CaseApplication(road: roads[2], name: "春华路", applicant: "村委会"))
            let root = f.folder.path("Exports")
            var manifests: [String: DeliveryManifest] = [:]
            for profile in ["amap", "baidu", "tencent", "tianditu", "osm", "geojson", "kml"] {
                manifests[profile] = try f.export().run(profile: .load(profile, geoData: Self.geoData), county: Self.county, since: .everything, root: root)
            }
            #expect(manifests["amap"]?.counts["roads"] == 2 && manifests["amap"]?.crs == "gcj02")
            for (profile, manifest) in manifests {
                let folder = try #require(try f.registry.read { try $0.deliveries.find(id: FeatureID(manifest.id)!) }?.folder)
                for file in manifest.files {
                    let data = try #require(FileManager.default.contents(atPath: folder + "/" + file.name))
                    #expect(data.count == file.bytes, "\(profile) \(file.name)")
                    #expect(!String(decoding: data, as: UTF8.self).contains("春华路"), "\(profile): a pending name leaked")
                }
            }
            // Coordinates: each village's point, converted.
            let village = try #require(try f.registry.read { try $0.divisions.list(within: Self.county, level: .village) }.first { $0.point != nil })
            for (profile, crs) in [("amap", CoordinateSystem.gcj02), ("baidu", .bd09), ("tianditu", .wgs84)] {
                let folder = try f.registry.read { try $0.deliveries.find(id: FeatureID(manifests[profile]!.id)!) }!.folder
                let csv = try String(contentsOfFile: "\(folder)/\(profile)-379901.csv", encoding: .utf8)
                let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                let header = lines[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
                let lon = try #require(header.firstIndex(of: "经度")), lat = try #require(header.firstIndex(of: "纬度")), id = try #require(header.firstIndex(of: "编号"))
                let row = try #require(lines.first { $0.count > id && $0[id] == village.code.rawValue })
                let expected = crs.fromWGS84(village.point!)
                #expect(abs(Double(row[lon])! - expected.lon) < 1e-6 + 1e-7 && abs(Double(row[lat])! - expected.lat) < 1e-6 + 1e-7, "\(profile)")
            }
            // The tools, where installed.
            func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
                try Tool.run(tool, arguments, mergeErrors: true)
            }
            func file(_ profile: String, _ ext: String) throws -> String {
                try f.registry.read { try $0.deliveries.find(id: FeatureID(manifests[profile]!.id)!) }!.folder + "/\(profile)-379901.\(ext)"
            }
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") {
                let (status, output) = try run("/usr/bin/ogrinfo", ["-ro", "-al", "-so", try file("geojson", "geojson")])
                let expected = ["roads", "villages", "pois"].reduce(0) { $0 + (manifests["geojson"]!.counts[$1] ?? 0) }
                #expect(status == 0 && output.contains("Feature Count: \(expected)"), "\(output)")
                let (kmlStatus, kmlOutput) = try run("/usr/bin/ogrinfo", ["-ro", "-al", "-so", try file("kml", "kml")])
                #expect(kmlStatus == 0 && kmlOutput.contains("KML"), "\(kmlOutput)")
                let extent = output.split(separator: "\n").first { $0.hasPrefix("Extent:") } ?? ""
                #expect(extent.contains("(115."), "lon/lat order: \(extent)")
                // Tencent's WKT is x y = lon lat: GDAL places the roads inside the county, not at x 36, y 115.
                let (tencentStatus, tencentOutput) = try run("/usr/bin/ogrinfo", ["-ro", "-al", "-so", "-oo", "GEOM_POSSIBLE_NAMES=几何(WKT)",
                                                                                 "-oo", "KEEP_GEOM_COLUMNS=NO", try file("tencent", "csv")])
                let tencentExtent = tencentOutput.split(separator: "\n").first { $0.hasPrefix("Extent:") } ?? ""
                #expect(tencentStatus == 0 && tencentExtent.contains("(115.") && tencentExtent.contains(", 36."), "\(tencentOutput)")
            } else { print("skipped the GDAL checks: gdal-bin is not installed") }
            // Every row: the 12-digit division code, a stable id, a source; roads their approval.
            let rows = csvRows(try String(contentsOfFile: try file("amap", "csv"), encoding: .utf8))
            let header = rows[0]
            let code = try #require(header.firstIndex(of: "行政区划代码")), number = try #require(header.firstIndex(of: "批准文号"))
            let idColumn = try #require(header.firstIndex(of: "编号")), source = try #require(header.firstIndex(of: "来源"))
            #expect(rows.dropFirst().allSatisfy { $0[code].count == 12 && $0[code].allSatisfy(\.isNumber) && !$0[idColumn].isEmpty && !$0[source].isEmpty })
            #expect(rows.filter { $0[idColumn].contains("-R-") }.allSatisfy { $0[number] == "示政字〔2026〕1号" })
            // Tianditu gets its own categories, not Amap's codes.
            let tianditu = try String(contentsOfFile: try file("tianditu", "csv"), encoding: .utf8)
            #expect(tianditu.contains("地名地址:道路") && !tianditu.contains("190301"))
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium") {
                #expect(try run("/usr/bin/osmium", ["fileinfo", try file("osm", "osm")]).0 == 0)
                let (status, output) = try run("/usr/bin/osmium", ["check-refs", try file("osm", "osm")])
                #expect(status == 0 && output.contains("Nodes in ways missing: 0"), "\(output)")
            } else { print("skipped the osmium checks: osmium-tool is not installed") }
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
                _ = try run("/usr/bin/libreoffice", ["--headless", "--infilter=CSV:44,34,76", "--convert-to", "pdf", "--outdir", f.folder.path("lo"), try file("amap", "csv")])
                let (_, text) = try run("/usr/bin/pdftotext", [f.folder.path("lo/amap-379901.pdf"), "-"])
                #expect(text.contains("同心路") && text.contains("名称"), "\(text.prefix(200))")
            } else { print("skipped the LibreOffice check: libreoffice and poppler-utils are not installed") }
            try f.export().acknowledge(FeatureID(manifests["amap"]!.id)!, by: "高德数据组", note: "已入库")
            #expect(try f.registry.read { try $0.deliveries.find(id: FeatureID(manifests["amap"]!.id)!) }?.acknowledgedBy == "高德数据组")
        }
    }

    @Test("after a rename, a retirement and two new names, --since last holds exactly those four changes")
    func changeSet() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let roads = try unnamedRoads(f)
            try f.standardize([CaseApplication(road: roads[0], name: "同心路", applicant: "村委会"), CaseApplication(road: roads[1], name: "惠民路", applicant: "村委会"),
                               CaseApplication(road: roads[2], name: "兴业路", applicant: "村委会")],
                              approvalDay: "2026-02-01", document: "示政字〔2026〕1号")
            // A POI on 同心路, accepted: its address names the road.
            let onRoad = try #require(try f.registry.read { try $0.roads.find(id: roads[0]) }?.geometry.points).dropFirst().first!
            let poiFile = f.folder.path("poi.csv")
            try "名称,类别,经度,纬度\n同心农家乐,农家乐,\(onRoad.lon),\(onRoad.lat)\n".write(toFile: poiFile, atomically: true, encoding: .utf8)
            _ = try POIImport(registry: f.registry, categories: f.categories, actor: .commandLine("t")).run(path: poiFile, county: Self.county)
            let review = POIReview(registry: f.registry, actor: .commandLine("t"))
            let poi = try #require(try review.pending().first).poi.id
            #expect(try review.decide(poi, .accept).poi.address?.contains("同心路") == true)
            let root = f.folder.path("Exports")
            let profile = try DeliveryProfile.load("amap", geoData: Self.geoData)
            let first = try f.export("2026-03-01").run(profile: profile, county: Self.county, since: .everything, root: root)
            #expect(first.counts["roads"] == 3)
            try f.standardize([CaseApplication(kind: .renaming, road: roads[0], name: "振兴路", applicant: "镇政府"),
                               CaseApplication(kind: .retirement, road: roads[1], name: "", applicant: "镇政府"),
                               CaseApplication(road: roads[3], name: "和谐路", applicant: "村委会"),
                               CaseApplication(road: roads[4], name: "丰收路", applicant: "村委会")],
                              approvalDay: "2026-04-01", document: "示政字〔2026〕9号")
            let changes = try f.export("2026-04-10").run(profile: profile, county: Self.county, since: .last, root: root)
            #expect(changes.follows == first.id && changes.changeSet)
            // The renamed road, and the POI whose address named its former name.
            #expect(changes.changed == [roads[0].description, poi.description])
            #expect(changes.retired == [roads[1].description])
            #expect(Set(changes.added) == [roads[3].description, roads[4].description])
            #expect(changes.counts["roads"] == 3 && changes.counts["villages"] == 0 && changes.counts["pois"] == 1)
            let folder = try f.registry.read { try $0.deliveries.find(id: FeatureID(changes.id)!) }!.folder
            let csv = try String(contentsOfFile: folder + "/amap-379901-changes.csv", encoding: .utf8)
            #expect(csv.contains("和谐路") && csv.contains("丰收路") && csv.contains("retired"))
            let lines = csvRows(csv)
            let header = lines[0]
            func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "\(name)") }
            let (id, name, former, change, address, code, number) = (try column("编号"), try column("名称"), try column("曾用名"), try column("变更类型"),
                                                                      try column("地址"), try column("行政区划代码"), try column("批准文号"))
            func row(_ ref: FeatureID) throws -> [String] { try #require(lines.first { $0.count > id && $0[id] == ref.description }) }
            let renamed = try row(roads[0])
            #expect(renamed[name] == "振兴路" && renamed[former] == "同心路" && renamed[change] == "changed" && renamed[number] == "示政字〔2026〕9号")
            #expect(renamed[code].count == 12)
            let retired = try row(roads[1])
            #expect(retired[name] == "惠民路" && retired[change] == "retired" && retired[code].count == 12, "a retired row keeps its name and place")
            let moved = try row(poi)
            #expect(moved[address].contains("振兴路") && !moved[address].contains("同心路"))
            // The OSM change set is an osmChange osmium reads: new ways only under negative ids in <create>.
            let osm = try f.export("2026-04-10").run(profile: .load("osm", geoData: Self.geoData), county: Self.county, since: .everything, root: root)
            let osmFolder = try f.registry.read { try $0.deliveries.find(id: FeatureID(osm.id)!) }!.folder
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium") {
                let (status, output) = try Tool.run("/usr/bin/osmium", ["check-refs", osmFolder + "/osm-379901.osm"], mergeErrors: true)
                #expect(status == 0 && output.contains("Nodes in ways missing: 0"), "\(output)")
            }
            let xml = try String(contentsOfFile: osmFolder + "/osm-379901.osm", encoding: .utf8)
            let nodeIDs = xml.components(separatedBy: "<node id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(Set(nodeIDs).count == nodeIDs.count, "each node once")
            #expect(xml.contains("k=\"old_name\" v=\"同心路\""))
            // Nothing new since: an empty change set.
            let none = try f.export("2026-04-11").run(profile: profile, county: Self.county, since: .last, root: root)
            #expect(none.counts["added"] == 0 && none.counts["changed"] == 0 && none.counts["retired"] == 0)
        }
    }
}

/// A CSV file's rows, quotes honoured (WKT cells hold commas).
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
    var chars = text.replacingOccurrences(of: "\u{FEFF}", with: "").makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = chars.next() { if next == "\"" { cell.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
            } else { cell.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(cell); cell = "" }
        else if c == "\n" || c == "\r\n" || c == "\r" { row.append(cell); rows.append(row); row = []; cell = "" }
        else { cell.append(c) }
    }
    if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
    return rows
}
