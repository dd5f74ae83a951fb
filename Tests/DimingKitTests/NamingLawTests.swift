import DimingCore
import DimingKit
import DimingStore
import Foundation
import Naming
import TestSupport
import Testing

/// Issue 14 in the registry: confirmed readings flow to stored names, waivers of any finding but an
/// absolute ban are audited, and local rules are county settings.
@Suite("Names by the letter of the law")
struct NamingLawTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    let county = DivisionCode("379901")!

    func withDemo(_ body: (SQLiteRegistry, NamingDesk) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
            let registry = try SQLiteRegistry(path: folder.path("d.sqlite"))
            try body(registry, NamingDesk(registry: registry, resources: .load(geoData: Self.geoData), actor: .commandLine("clerk")))
        }
    }

    @Test("confirming 朝阳 as zhāoyáng re-romanises the stored 朝阳路: the homophone check then flags 昭阳路, not 潮阳路; audited in one go")
    func confirmedReadingFlows() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            let (stored, _) = try desk.add("朝阳路", at: NameSite(county: county), status: .standard)
            #expect(stored.toned == "Cháoyáng Lù")
            #expect(try desk.check("潮阳路", at: NameSite(county: county)).findings.contains { $0.code == .homophone })
            let changed = try desk.confirmReading("朝阳", pinyin: "zhāo yáng", place: county)
            #expect(changed.map(\.id) == [stored.id])
            let reread = try registry.read { try $0.names.find(id: stored.id) }
            #expect(reread?.toned == "Zhāoyáng Lù" && reread?.sign == "ZHAOYANG LU" && reread?.specificToneless == "zhao yang")
            #expect(try !desk.check("潮阳路", at: NameSite(county: county)).findings.contains { $0.code == .homophone })
            let zhaoyang = try desk.check("昭阳路", at: NameSite(county: county))
            #expect(zhaoyang.findings.first { $0.code == .homophone }?.conflicts.map(\.id) == [stored.id.description])
            #expect(try NameSearch(registry: registry, actor: .commandLine("test")).search("zhaoyang").map(\.text) == ["朝阳路"])
            let events = try registry.read { try $0.audit.events(action: .nameReromanized) }
            #expect(events.count == 1 && events[0].entityID == stored.id.description && events[0].actor == "clerk")
            // Another county's names are not touched.
            #expect(try desk.confirmReading("朝阳", pinyin: "zhāo yáng", place: DivisionCode("371521")!).isEmpty)
        }
    }

    @Test("an error can be waived with a reason and is audited; a state leader's name never")
    func waivers() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            #expect(try desk.check("华为路", at: NameSite(county: county)).errors == 1)
            #expect(throws: InputError.self) { try desk.add("华为路", at: NameSite(county: county), status: .proposed) }
            try desk.waive("华为路", code: .enterpriseName, county: county, reason: "村内华为花卉合作社历史名称，非企业冠名")
            let check = try desk.check("华为路", at: NameSite(county: county))
            #expect(check.errors == 0)
            #expect(check.findings.first { $0.code == .enterpriseName }?.waiver?.hasPrefix("clerk:") == true)
            _ = try desk.add("华为路", at: NameSite(county: county), status: .proposed)
            let refusal = #expect(throws: AbsoluteBan.self) {
                try desk.waive("习近平路", code: .leaderName, county: county, reason: "群众要求")
            }
            #expect(refusal.map { ClassifiedError.classify($0).code } == "ABSOLUTE_BAN")
            #expect(refusal.map { ClassifiedError.classify($0).messageZh.contains("不能豁免") } == true)
            let events = try registry.read { try $0.audit.events(action: .nameWaiver) }
            #expect(events.count == 1 && events[0].after?.contains("ENTERPRISE_NAME") == true)
        }
    }

    @Test("the 专名 length limit and the duplicate scope are county settings, audited")
    func localRules() throws {
        try withDemo { (registry: SQLiteRegistry, desk: NamingDesk) throws in
            #expect(try !desk.check("五里铺新村路", at: NameSite(county: county)).findings.contains { $0.code == .specificTooLong })
            let settings = NamingSettings(registry: registry, actor: .commandLine("admin"))
            try settings.setRules(LocalNamingRules(maxSpecificLength: 4), county: county)
            let long = try desk.check("五里铺新村路", at: NameSite(county: county))
            #expect(long.findings.first { $0.code == .specificTooLong }?.severity == .warning)
            #expect(try settings.rules(county: county).maxSpecificLength == 4)
            #expect(throws: InputError.self) { try settings.setRules(LocalNamingRules(duplicateScope: "province"), county: county) }
            #expect(try registry.read { try $0.audit.events(action: .settingsNames) }.count == 1)
        }
    }
}
