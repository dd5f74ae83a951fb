import DimingCore
import DimingKit
import DimingStore
import Foundation
import Naming
import TestSupport
import Testing

/// The place-name heritage list (地名文化遗产保护名录), issue 14.
@Suite("The place-name heritage list")
struct HeritageListTests {
    let procedure = ProcedureTests()
    static let county = DivisionCode("379901")!

    func complete(_ f: ProcedureTests.Fixture, _ c: NamingCase, document: String, approvalDay: Int) throws {
        let s = f.service(approvalDay + 3)
        _ = try s.advance(c.id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: document,
                                                                                         date: ProcedureTests.day(approvalDay))))
        _ = try s.file(c.id, filing: Filing(date: ProcedureTests.day(approvalDay + 2), body: "示范市民政局"))
        _ = try s.announce(c.id, announcement: Announcement(date: ProcedureTests.day(approvalDay + 3), channels: ["县政府网站"]))
    }

    @Test("renaming a protected name is refused without an assessment (typed); with one it goes through and the history shows both names")
    func renameProtected() throws {
        let f = try procedure.fixture()
        try withExtendedLifetime(f.folder) {
            let first = try procedure.casesInNotice(f, count: 1)[0]
            try complete(f, first, document: "示政字〔2026〕5号", approvalDay: 8)
            let heritage = HeritageList(registry: f.registry, actor: .commandLine("admin"), clock: FixedClock(ProcedureTests.day(20)))
            try heritage.save(HeritageName(name: first.proposedName, countyCode: Self.county, place: "示范县\(first.proposedName)", level: .county,
                                           reason: "清代驿道旧名，沿用三百年", listedOn: ProcedureTests.day(15)))
            #expect(try heritage.protection(of: first.proposedName, county: Self.county)?.level == .county)
            let service = f.service(40)
            let application = CaseApplication(kind: .renaming, road: first.roadID!, name: "惠民路", applicant: "乡人民政府",
                                              reasons: "原名与邻县重名", meaning: "惠及于民")
            let refusal = try #require(throws: HeritageProtected.self) { try service.create(application) }
            #expect(ClassifiedError.classify(refusal).code == "HERITAGE_PROTECTED")
            #expect(ClassifiedError.classify(refusal).messageZh.contains("地名文化遗产保护名录"))
            #expect(throws: HeritageProtected.self) {
                var retire = application
                retire.kind = .retirement
                return try service.create(retire)
            }
            var assessed = application
            assessed.heritageAssessment = Assessment(conclusion: "原名与邻县重名，经评估同意更名，原名作为曾用名保留", report: "示民评〔2026〕9号",
                                                     date: ProcedureTests.day(39))
            let rename = try service.create(assessed)
            _ = try service.advance(rename.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try service.advance(rename.id, to: .submitted, evidence: StepEvidence())
            _ = try service.advance(rename.id, to: .underReview, evidence: StepEvidence())
            _ = try service.advance(rename.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "县政府网站", assessment: ProcedureTests.assessment))
            try complete(f, rename, document: "示政字〔2026〕30号", approvalDay: 50)
            let history = try CaseQueries(registry: f.registry, actor: .commandLine("t")).history(road: first.roadID!)
            #expect(history.map(\.text) == [first.proposedName, "惠民路"])
            #expect(history.map(\.status) == [.former, .standard])
            let events = try f.registry.read { try $0.audit.events(action: .heritageAssessed) }
            #expect(events.count == 1 && events[0].document == "示民评〔2026〕9号" && events[0].entityID == rename.id.description)
            // The case page shows the protection, and its timeline the assessment beside the steps.
            let detail = try CaseQueries(registry: f.registry, actor: .commandLine("t")).show(rename.id)
            #expect(detail.heritage?.name == first.proposedName && detail.heritage?.level == .county)
            #expect(detail.timeline.map(\.action).prefix(2) == [.caseCreated, .heritageAssessed])
        }
    }

    @Test("a CSV list is imported whole or not at all; a new name elsewhere reusing a protected name gets a finding")
    func importAndReuse() throws {
        let f = try procedure.fixture()
        try withExtendedLifetime(f.folder) {
            let heritage = HeritageList(registry: f.registry, actor: .commandLine("admin"))
            let bad = f.folder.path("bad.csv"), good = f.folder.path("good.csv")
            try "name,place,level,reason,listed\n十里堡,示范县十里堡村,省级,明代驿站,2024-05-01\n古槐街,示范县城关,村级,古槐,2024-05-01\n"
                .write(toFile: bad, atomically: true, encoding: .utf8)
            #expect(throws: InputErrors.self) { try heritage.importFile(path: bad, county: Self.county) }
            #expect(try heritage.list(county: Self.county).isEmpty)
            try "name,place,level,reason,listed\n十里堡,示范县十里堡村,省级,明代驿站,2024-05-01\n鼓楼大街,示范县城关镇,县级,明清古街,2023-10-01\n"
                .write(toFile: good, atomically: true, encoding: .utf8)
            #expect(try heritage.importFile(path: good, county: Self.county) == 2)
            #expect(try heritage.list(county: nil).map(\.name) == ["十里堡", "鼓楼大街"])
            #expect(try f.registry.read { try $0.audit.events(action: .heritageListed) }.count == 2)
            let desk = NamingDesk(registry: f.registry, resources: f.resources, actor: .commandLine("clerk"))
            let elsewhere = try desk.check("十里堡路", at: NameSite(county: DivisionCode("371521")!))
            #expect(elsewhere.findings.first { $0.code == .heritageName }?.severity == .warning)
            #expect(try desk.check("鼓楼大街", at: NameSite(county: DivisionCode("371521")!)).findings.contains { $0.code == .heritageName })
            #expect(try !desk.check("十里堡路", at: NameSite(county: Self.county)).findings.contains { $0.code == .heritageName })
            #expect(try !desk.check("幸福路", at: NameSite(county: DivisionCode("371521")!)).findings.contains { $0.code == .heritageName })
        }
    }
}
