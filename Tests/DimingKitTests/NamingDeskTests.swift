import DimingCore
import DimingKit
import DimingStore
import Foundation
import Naming
import TestSupport
import Testing

@Suite("Names in the registry")
struct NamingDeskTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    func withDemo(_ body: (SQLiteRegistry, NamingDesk) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
            let registry = try SQLiteRegistry(path: folder.path("d.sqlite"))
            try body(registry, NamingDesk(registry: registry, resources: .load(geoData: Self.geoData), actor: .commandLine("clerk")))
        }
    }

    let county = DivisionCode("379901")!

    @Test("王庄路 in a county with 王庄街 and 汪庄路: same 专名 and homophone, with both records")
    func acceptance() throws {
        try withDemo { (_: SQLiteRegistry, desk: NamingDesk) throws in
            let (wangzhuangjie, _) = try desk.add("王庄街", at: NameSite(county: county), status: .standard)
            let (wangzhuanglu, _) = try desk.add("汪庄路", at: NameSite(county: county), status: .standard)
            let check = try desk.check("王庄路", at: NameSite(county: county))
            #expect(check.findings.first { $0.code == .sameSpecific }?.conflicts.map(\.id) == [wangzhuangjie.id.description])
            #expect(check.findings.first { $0.code == .homophone }?.conflicts.map(\.id) == [wangzhuanglu.id.description])
            // Another county does not clash.
            #expect(try desk.check("王庄路", at: NameSite(county: DivisionCode("371521")!)).findings.allSatisfy { $0.conflicts.isEmpty })
        }
    }

    @Test("a waiver accepts a finding with who and why; a duplicate cannot be added unwaived")
    func waivers() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            _ = try desk.add("汪庄路", at: NameSite(county: county), status: .standard)
            #expect(try !desk.check("王庄路", at: NameSite(county: county)).passes)
            try desk.waive("王庄路", code: .homophone, county: county, reason: "两村历史名称，群众认可")
            let check = try desk.check("王庄路", at: NameSite(county: county))
            #expect(check.findings.first { $0.code == .homophone }?.waiver == "clerk: 两村历史名称，群众认可")
            #expect(check.passes)
            #expect(throws: InputError.self) { try desk.add("汪庄路", at: NameSite(county: county), status: .proposed) }
            #expect(throws: InputError.self) { try desk.waive("王庄路", code: .rareCharacter, county: county, reason: "x") }
            #expect(throws: InputError.self) { try desk.waive("王庄路", code: .homophone, county: county, reason: " ") }
            let events = try registry.read { try $0.audit.events(action: .nameWaiver) }
            #expect(events.count == 1 && events[0].actor == "clerk")
        }
    }

    @Test("a confirmed reading is kept and reused: per name, per place, everywhere")
    func confirmedReadings() throws {
        try withDemo { (_: SQLiteRegistry, desk: NamingDesk) throws in
            #expect(try desk.romanize(["重兴路"])[0].review.contains("重"))
            try desk.confirmReading("重", pinyin: "chóng", name: "重兴路")
            let confirmed = try desk.romanize(["重兴路"])[0]
            #expect(confirmed.toned.hasPrefix("Chóng"))
            #expect(!confirmed.review.contains("重"))
            try desk.confirmReading("乐", pinyin: "yuè", place: county)
            #expect(try desk.romanize(["乐安路"], county: county)[0].toned == "Yuè'ān Lù")
            #expect(try desk.romanize(["乐安路"])[0].toned == "Lè'ān Lù")
            #expect(throws: InputError.self) { try desk.confirmReading("乐安", pinyin: "lè") }
        }
    }

    @Test("search by characters, toned and toneless pinyin, and initials; working names too")
    func search() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            _ = try desk.add("幸福路", at: NameSite(county: county), status: .standard)
            _ = try desk.add("兴业路", at: NameSite(county: county), status: .proposed)
            let search = NameSearch(registry: registry, actor: .commandLine("test"))
            for query in ["幸福", "幸福路", "福路", "xingfu", "Xìngfú Lù", "xfl", "xing fu"] {
                #expect(try search.search(query).map(\.text).contains("幸福路"), "\(query)")
            }
            #expect(try search.search("xyl").map(\.text) == ["兴业路"])
            let working = try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first!.workingName!
            #expect(try search.search(String(working.prefix(3))).contains { $0.working && $0.status == nil })
            #expect(throws: InputError.self) { try search.search("  ") }
        }
    }

    @Test("suggestions for a demo road pass every check in scope and start from its villages")
    func suggestions() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            let road = try #require(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first { $0.villages.count >= 2 })
            let suggestions = try desk.suggest(road: FeatureID(road.id)!)
            #expect(suggestions.count >= 5)
            #expect(suggestions.first?.source == "village")
            for suggestion in suggestions {
                let check = try desk.check(suggestion.name, at: NameSite(road: FeatureID(road.id)))
                #expect(check.findings.allSatisfy { $0.severity == .info }, "\(suggestion.name): \(check.findings.map(\.code))")
            }
            // Registering the first suggestion for another road removes it from this road's next round.
            let other = try #require(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first { $0.id != road.id })
            _ = try desk.add(suggestions[0].name, at: NameSite(road: FeatureID(other.id)), status: .proposed)
            #expect(!(try desk.suggest(road: FeatureID(road.id)!)).map(\.name).contains(suggestions[0].name))
        }
    }

    @Test("the generic is checked against the road's measured length")
    func genericAgainstRoad() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            let short = try #require(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).min { $0.length < $1.length })
            let check = try desk.check("银杏大道", at: NameSite(road: FeatureID(short.id), width: 6))
            #expect(check.findings.contains { $0.code == .genericMisfit })
        }
    }

    @Test("level-3 characters warn once the standard table's levels are imported", .enabled(if: SharedData.available, "needs ../shared/data"))
    func characterLevels() throws {
        try withDemo { (_: SQLiteRegistry, desk: NamingDesk) throws in
            #expect(try !desk.check("堃华路", at: NameSite(county: county)).findings.contains { $0.code == .level3Character })
            #expect(try desk.importCharacterLevels(path: SharedData.path("pinyin/tongyong_guifan_hanzi_8105.csv")) == 8105)
            #expect(try desk.check("堃华路", at: NameSite(county: county)).findings.contains { $0.code == .level3Character })
        }
    }
}
