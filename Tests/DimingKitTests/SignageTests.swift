import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing
import ZIPFoundation

@Suite("Signs")
struct SignageTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    static func p(_ east: Double, _ north: Double) -> Coordinate {
        Coordinate(lon: 115.9 + east / 89_500, lat: 36.3 + north / 110_950)
    }

    /// A road (unnamed, to be named 兴业路) crossed by 富民路 at 500 m and 团结路 at 1000 m, ending on 和谐路; its start is a dead end.
    struct Fixture {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        let road: FeatureID
        let desk: NamingDesk
    }

    func fixture() throws -> Fixture {
        let folder = try TemporaryDirectory()
        let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
        try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: Self.geoData + "/demo/divisions.csv")
        func feature(_ ref: String, _ tags: [String: String], _ points: [Coordinate]) -> RoadFeature {
            RoadFeature(location: ref, sourceRef: ref, tags: tags, lines: [LineString(points)])
        }
        let features = [
            feature("a1", ["highway": "tertiary"], [Self.p(0, 0), Self.p(500, 0)]),
            feature("a2", ["highway": "tertiary"], [Self.p(500, 0), Self.p(1000, 0)]),
            feature("a3", ["highway": "tertiary"], [Self.p(1000, 0), Self.p(1500, 0)]),
            feature("b", ["highway": "residential", "name": "富民路"], [Self.p(500, -300), Self.p(500, 0), Self.p(500, 300)]),
            feature("c", ["highway": "residential", "name": "团结路"], [Self.p(1000, -300), Self.p(1000, 0), Self.p(1000, 300)]),
            feature("d", ["highway": "residential", "name": "和谐路"], [Self.p(1500, -200), Self.p(1500, 0), Self.p(1500, 200)]),
        ]
        _ = try RoadImport(registry: registry, actor: .commandLine("t")).run(features: features, file: "f", source: "s", county: DivisionCode("379901"))
        _ = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: nil)
        let road = try #require(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first)
        let desk = NamingDesk(registry: registry, resources: try .load(geoData: Self.geoData), actor: .commandLine("t"))
        _ = try desk.add("兴业路", at: NameSite(road: FeatureID(road.id)), status: .standard)
        return Fixture(folder: folder, registry: registry, road: FeatureID(road.id)!, desk: desk)
    }

    @Test("two ends and two named cross roads: 4 signs with facing and arrows; the dead end gets a dot")
    func plan() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let signs = try SignService(registry: f.registry, actor: .commandLine("t")).plan(road: f.road)
            #expect(signs.count == 4)
            #expect(signs.map(\.crossRoad) == [nil, "富民路", "团结路", "和谐路"])
            #expect(signs.map(\.back) == [.ends, .continues, .continues, .continues])
            #expect(signs.map(\.forward) == [.continues, .continues, .continues, .ends])
            #expect(signs.map(\.deadEnd) == [true, false, false, false])
            #expect(signs.allSatisfy { abs($0.facing - 180) < 2 && $0.text == "兴业路" && $0.pinyin == "XINGYE LU" && $0.type == .road })
            #expect(Set(signs.map(\.code)).count == 4)
            #expect(signs[0].qrPayload.contains(f.road.description))
            // Re-planning replaces the planned signs instead of adding more.
            _ = try SignService(registry: f.registry, actor: .commandLine("t")).plan(road: f.road)
            #expect(try SignService(registry: f.registry, actor: .commandLine("t")).list(road: f.road).count == 4)
        }
    }

    @Test("the order: CSV with BOM and Chinese, XLSX, SVG faces; signs become ordered; the field lifecycle is enforced")
    func orderAndFieldWork() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("安装队"))
            _ = try service.plan(road: f.road)
            let written = try SignOrder(signs: service).write(road: f.road, funding: "慈善总会“有名有标”项目", to: f.folder.path("order"))
            #expect(written.signs == 4 && written.faces.count == 4)
            let csv = try #require(FileManager.default.contents(atPath: written.csv))
            #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
            let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
            #expect(text.contains("兴业路") && text.contains("XINGYE LU") && text.contains("慈善总会") && text.contains("标志编码"))
            let archive = try Archive(url: URL(fileURLWithPath: written.xlsx), accessMode: .read)
            var sheet = Data()
            _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
            #expect(String(decoding: sheet, as: UTF8.self).contains("兴业路"))
            #expect(try service.list(road: f.road).allSatisfy { $0.status == .ordered })

            let sign = try service.list(road: f.road)[0]
            #expect(throws: ProcedureError.self) { try service.record(sign.id, SignEvent(status: .inspected, date: Date())) }
            _ = try service.record(sign.id, SignEvent(status: .installed, date: Date(), photo: "photos/1.jpg", notes: "东侧"))
            _ = try service.record(sign.id, SignEvent(status: .damaged, date: Date(), notes: "车辆刮擦"))
            let events = try f.registry.read { try $0.audit.events(entityKind: "sign", entityID: sign.id.description) }
            #expect(events.map(\.action) == [.signPlanned, .signOrdered, .signInstalled, .signDamaged])
            #expect(events[2].actor == "安装队" && events[2].after?.contains("photos/1.jpg") == true)
            let coverage = try SignCoverage(registry: f.registry, actor: .commandLine("test")).report(county: nil)
            #expect(coverage.flatMap(\.damagedOrMissing).map(\.sign) == [sign.code])
        }
    }

    @Test("after a rename the coverage report lists every installed sign that still shows the old name")
    func renameCoverage() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("t"))
            let signs = try service.plan(road: f.road)
            _ = try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order"))
            for sign in signs { _ = try service.record(sign.id, SignEvent(status: .installed, date: Date())) }
            #expect(try SignCoverage(registry: f.registry, actor: .commandLine("test")).report(county: nil).flatMap(\.outdated).isEmpty)
            // Rename through the procedure.
            let cases = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-01")!))
            let rename = try cases.create(CaseApplication(kind: .renaming, road: f.road, name: "振兴路", applicant: "镇人民政府",
                                                          reasons: "原名重名", meaning: "振兴乡村"))
            _ = try cases.advance(rename.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try cases.advance(rename.id, to: .submitted, evidence: StepEvidence())
            _ = try cases.advance(rename.id, to: .underReview, evidence: StepEvidence())
            _ = try cases.advance(rename.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "网站", assessment: Assessment(conclusion: "可行", date: DeadlineRules.day("2026-05-01")!)))
            let later = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-23")!))
            _ = try later.advance(rename.id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕40号", date: DeadlineRules.day("2026-05-20")!)))
            _ = try later.file(rename.id, filing: Filing(date: DeadlineRules.day("2026-05-22")!, body: "示范市民政局"))
            _ = try later.announce(rename.id, announcement: Announcement(date: DeadlineRules.day("2026-05-23")!, channels: ["网站"]))
            let outdated = try SignCoverage(registry: f.registry, actor: .commandLine("test")).report(county: nil).flatMap(\.outdated)
            #expect(Set(outdated.compactMap(\.sign)) == Set(signs.map(\.code)))
            #expect(outdated.allSatisfy { $0.name == "兴业路" && $0.detail.contains("振兴路") })
        }
    }

    @Test("the order CSV converts in LibreOffice with its Chinese intact",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"),
                   "skipped: LibreOffice (and poppler-utils) are not installed"))
    func libreOffice() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("t"))
            _ = try service.plan(road: f.road)
            let written = try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order"))
            try Tool.run("/usr/bin/libreoffice", ["--headless", "--infilter=CSV:44,34,76", "--convert-to", "pdf", "--outdir", f.folder.path("pdf"), written.csv])
            let pdf = f.folder.path("pdf/" + URL(fileURLWithPath: written.csv).deletingPathExtension().lastPathComponent + ".pdf")
            let output = try Tool.run("/usr/bin/pdftotext", [pdf, "-"]).output
            #expect(output.contains("兴业路") && output.contains("标志编码"))
        }
    }
}
