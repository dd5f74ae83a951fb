import DimingCore
import DimingKit
import DimingStore
import Foundation
import Naming
import TestSupport
import Testing

@Suite("The statutory procedure")
struct ProcedureTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    static let day0 = DeadlineRules.day("2026-03-02")!

    static func day(_ offset: Int) -> Date { Calendar(identifier: .gregorian).date(byAdding: .day, value: offset, to: day0)! }
    static let assessment = Assessment(conclusion: "名称规范，符合当地习惯", report: "示民评〔2026〕1号", date: day0)

    /// A demo registry and a case service whose clock is `offset` days after day 0.
    struct Fixture {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        let resources: NamingResources

        func service(_ offset: Int = 0, actor: String = "民政局 李四") -> CaseService {
            CaseService(registry: registry, resources: resources, actor: .commandLine(actor), clock: FixedClock(ProcedureTests.day(offset)))
        }
    }

    func fixture() throws -> Fixture {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        return Fixture(folder: folder, registry: try SQLiteRegistry(path: folder.path("d.sqlite")), resources: try .load(geoData: Self.geoData))
    }

    /// Opens cases for `count` unnamed demo roads with suggested names and takes them to public notice.
    func casesInNotice(_ f: Fixture, count: Int) throws -> [NamingCase] {
        let roads = try RoadQueries(registry: f.registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).prefix(count)
        let desk = NamingDesk(registry: f.registry, resources: f.resources, actor: .commandLine("t"))
        var result: [NamingCase] = []
        for road in roads {
            let id = FeatureID(road.id)!
            let name = try #require(try desk.suggest(road: id, limit: 1).first).name
            let service = f.service()
            let created = try service.create(CaseApplication(road: id, name: name, applicant: "\(road.villages.first ?? "")村民委员会",
                                                             reasons: "方便群众出行和快递送达", meaning: "以沿线村庄命名", origin: "沿用群众习惯叫法"))
            _ = try service.advance(created.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(
                scope: "沿线村民代表", opinions: [Opinion(from: "村民代表", text: "同意", handling: "采纳")])))
            _ = try service.advance(created.id, to: .submitted, evidence: StepEvidence())
            _ = try service.advance(created.id, to: .underReview, evidence: StepEvidence())
            result.append(try service.advance(created.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "县政府网站", assessment: Self.assessment)))
        }
        return result
    }

    @Test("50 demo roads go from unnamed to standard names in one batch, with every document")
    func endToEnd() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let cases = try casesInNotice(f, count: 50)
            #expect(cases.count == 50)
            #expect(Set(cases.map(\.proposedName)).count == 50)
            let batches = BatchService(cases: f.service())
            let batch = try batches.create(county: DivisionCode("379901")!, title: "2026年第一批农村道路命名")
            _ = try batches.add(batch.id, cases: cases.map(\.id))
            // An objection during notice, handled without upholding it.
            _ = try f.service(3).object(cases[0].id, from: "村民王五", text: "建议改用老地名")
            _ = try f.service(5).resolveObjection(cases[0].id, number: 1, handling: "经核实，老地名已用于邻村道路，维持拟定名称", upheld: false)
            let documents = ProcedureDocuments(registry: f.registry, actor: .commandLine("t"))
            let out = f.folder.path("docs")
            #expect(try documents.write(.notice, id: batch.id, to: out).rows == 50)
            let approval = Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕12号", date: Self.day(8))
            #expect(try BatchService(cases: f.service(8)).approve(batch.id, approval: approval).count == 50)
            _ = try BatchService(cases: f.service(10)).file(batch.id, filing: Filing(date: Self.day(10), body: "示范市民政局"))
            let announced = try BatchService(cases: f.service(12)).announce(batch.id, announcement: Announcement(date: Self.day(12), channels: ["县政府网站", "示范日报"]))
            #expect(announced.allSatisfy { $0.state == .standard })

            for kind in ProcedureDocuments.Kind.allCases {
                let written = try documents.write(kind, id: kind == .application ? cases[0].id : batch.id, to: out)
                #expect(FileManager.default.fileExists(atPath: written.html) && FileManager.default.fileExists(atPath: written.csv))
                #expect((written.xlsx != nil) == kind.isRegister)
                #expect(try String(contentsOfFile: written.html, encoding: .utf8).contains("<svg"), "\(kind): a location map")
            }
            // The announcement holds the six required fields for every road, issued by the county's 民政局 (Art. 14).
            let html = try String(contentsOfFile: "\(out)/announcement-\(batch.id).html", encoding: .utf8)
            for header in ["标准名称", "罗马字母拼写", "所属政区", "位置描述", "批准机关", "批准时间"] { #expect(html.contains(header)) }
            for c in announced {
                let name = try #require(try f.registry.read { try $0.names.find(id: c.nameID!) })
                #expect(html.contains(c.proposedName) && html.contains(name.toned) && html.contains(c.facts.location))
            }
            #expect(html.contains("示范县人民政府") && html.contains("2026年03月10日") && !html.contains("2026-03-10"))
            #expect(html.contains("<h1>示范县民政局关于") && html.contains("示民公〔2026〕") && html.contains("特此公告。"))
            let notice = try String(contentsOfFile: "\(out)/notice-\(batch.id).html", encoding: .utf8)
            #expect(notice.contains("自2026年03月02日至2026年03月08日（共7天）"))
            let register = try String(contentsOfFile: "\(out)/filing-\(batch.id).html", encoding: .utf8)
            for field in ["含义", "位置描述", "长度（米）", "变更类别", "附件材料", "A4 landscape", "以沿线村庄命名", "命名"] { #expect(register.contains(field), "\(field)") }
            let application = try String(contentsOfFile: "\(out)/application-\(cases[0].id).html", encoding: .utf8)
            #expect(!application.contains(">track<") && !application.contains(">unclassified<") && application.contains("道路性质"))

            // The registry shows 50 standard names with pinyin and approval data, and the roads carry them.
            let names = try f.registry.read { db in try db.names.current(county: DivisionCode("379901")!) }.filter { $0.status == .standard }
            #expect(names.count == 50)
            #expect(names.allSatisfy { !$0.toned.isEmpty && !$0.sign.isEmpty })
            let shown = try CaseQueries(registry: f.registry, actor: .commandLine("t")).show(cases[1].id)
            #expect(shown.namingCase.approval?.documentNumber == "示政字〔2026〕12号")
            #expect(shown.timeline.map(\.action) == [.caseCreated, .caseAdvanced, .caseAdvanced, .caseAdvanced, .caseAdvanced,
                                                    .caseBatched, .caseAdvanced, .caseFiled, .caseAnnounced])
            #expect(shown.timeline.contains { $0.from == "publicNotice" && $0.to == "approved" && $0.document == "示政字〔2026〕12号" })
            let road = try #require(try f.registry.read { try $0.roads.find(id: cases[1].roadID!) })
            #expect(road.name == cases[1].proposedName)
            #expect(try CaseQueries(registry: f.registry, actor: .commandLine("t")).show(cases[0].id).timeline.contains { $0.action == .caseObjectionHandled })
            // A re-survey keeps the approved name on the road.
            _ = try SurveyRun(registry: f.registry, actor: .commandLine("t")).run(county: nil)
            #expect(try f.registry.read { try $0.roads.find(id: cases[1].roadID!) }?.name == cases[1].proposedName)
        }
    }

    @Test("the PDF of every paper shows Chinese; pdftotext reads back every required field of the 公告")
    func pdfDocuments() throws {
        guard PDFRenderer().isAvailable, Tool.isInstalled("/usr/bin/pdftotext"), Tool.isInstalled("/usr/bin/pdftoppm") else {
            print("skipped: weasyprint or poppler-utils (pdftotext, pdftoppm) is not installed")
            return
        }
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let cases = try casesInNotice(f, count: 3)
            let batches = BatchService(cases: f.service(8))
            let batch = try batches.create(county: DivisionCode("379901")!, title: "第二批")
            _ = try batches.add(batch.id, cases: cases.map(\.id))
            _ = try batches.approve(batch.id, approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕21号", date: Self.day(8)))
            _ = try BatchService(cases: f.service(9)).file(batch.id, filing: Filing(date: Self.day(9), body: "示范市人民政府"))
            _ = try BatchService(cases: f.service(9)).announce(batch.id, announcement: Announcement(date: Self.day(9), channels: ["县政府网站"]))
            let documents = ProcedureDocuments(registry: f.registry, actor: .commandLine("t"), clock: FixedClock(Self.day(9)))
            let out = f.folder.path("pdf")
            for kind in ProcedureDocuments.Kind.allCases {
                let written = try documents.write(kind, id: kind == .application ? cases[0].id : batch.id, to: out)
                let pdf = try #require(written.pdf)
                let text = try Tool.run("/usr/bin/pdftotext", [pdf, "-"]).output.filter { !$0.isWhitespace }
                #expect(text.contains(kind == .reply ? "批复" : kind == .filing ? "地名备案登记表" : cases[0].proposedName), "\(kind)")
                let png = try Tool.run("/usr/bin/pdftoppm", ["-png", "-r", "40", "-f", "1", "-l", "1", pdf, "\(out)/\(kind.rawValue)"])
                #expect(png.status == 0)
            }
            // Table cells wrap: compare without the line breaks pdftotext keeps.
            let text = try Tool.run("/usr/bin/pdftotext", ["\(out)/announcement-\(batch.id).pdf", "-"]).output.filter { !$0.isWhitespace }
            for field in ["标准名称", "罗马字母拼写", "所属政区", "位置描述", "批准机关", "批准时间", "示范县民政局", "特此公告", "2026年03月10日", "示政字〔2026〕21号"] {
                #expect(text.contains(field), "\(field)")
            }
            for c in cases { #expect(text.contains(c.proposedName)) }
        }
    }

    @Test("approval with an open objection, a second approval, and a returned case to approval are refused; nothing changes")
    func refusals() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let cases = try casesInNotice(f, count: 3)
            let service = f.service(8)
            let approval = Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕1号", date: Self.day(8))
            _ = try service.object(cases[0].id, from: "村民", text: "不同意")
            func snapshot() throws -> (Int, [NamingCase]) {
                try f.registry.read { (try $0.audit.count(), try $0.cases.list()) }
            }
            var before = try snapshot()
            let open = try #require(throws: ProcedureError.self) { try service.advance(cases[0].id, to: .approved, evidence: StepEvidence(approval: approval)) }
            #expect(open.description.contains("open objection"))
            #expect(try snapshot() == before)
            // A batch with one blocked case approves none.
            let batches = BatchService(cases: service)
            let batch = try batches.create(county: DivisionCode("379901")!, title: "b")
            _ = try batches.add(batch.id, cases: cases.map(\.id))
            before = try snapshot()
            let blocked = try #require(throws: ProcedureError.self) { try batches.approve(batch.id, approval: approval) }
            #expect(blocked.description.contains("nothing was changed"))
            #expect(try snapshot() == before)
            #expect(try CaseQueries(registry: f.registry, actor: .commandLine("t")).list(batch: batch.id).allSatisfy { $0.state == .publicNotice && $0.approval == nil })

            // The county's 民政局 does not approve road names (Art. 12): the table, resolved from the registry's divisions, names the government.
            let byBureau = try #require(throws: ProcedureError.self) {
                try service.advance(cases[1].id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县民政局", documentNumber: "1号", date: Self.day(8))))
            }
            #expect(byBureau.code == .wrongAuthority && byBureau.description.contains("示范县人民政府"))
            _ = try service.advance(cases[1].id, to: .approved, evidence: StepEvidence(approval: approval))
            let sameLevel = try #require(throws: ProcedureError.self) { try service.file(cases[1].id, filing: Filing(date: Self.day(8), body: "示范县人民政府")) }
            #expect(sameLevel.code == .wrongAuthority && sameLevel.rule == .filingOneLevelUp)
            // A county may set its own table (an administrator's setting, audited).
            _ = try AuthoritySettings.update(f.registry, county: DivisionCode("379901")!, actor: .commandLine("admin"), clock: FixedClock(Self.day(8))) {
                $0.filingBodies = ["民政局"]
            }
            #expect(try CaseQueries(registry: f.registry, actor: .commandLine("t")).authorities(county: DivisionCode("379901")!)?.filingBodies == ["示范市民政局"])
            let second = Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕2号", date: Self.day(9))
            before = try snapshot()
            let again = try #require(throws: ProcedureError.self) { try service.advance(cases[1].id, to: .approved, evidence: StepEvidence(approval: second)) }
            #expect(again.description.contains("already approved by 示政字〔2026〕1号"))
            #expect(try snapshot() == before)
            #expect(try CaseQueries(registry: f.registry, actor: .commandLine("t")).show(cases[1].id).namingCase.approval?.documentNumber == "示政字〔2026〕1号")

            // A case returned in review cannot jump to approval.
            let fresh = try service.create(CaseApplication(road: FeatureID(try RoadQueries(registry: f.registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true))[10].id)!,
                                                           name: "同心路", applicant: "村委会", reasons: "方便出行", meaning: "同心协力"))
            _ = try service.advance(fresh.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try service.advance(fresh.id, to: .submitted, evidence: StepEvidence())
            _ = try service.advance(fresh.id, to: .underReview, evidence: StepEvidence())
            _ = try service.advance(fresh.id, to: .returned, evidence: StepEvidence(reason: "起止点描述不清"))
            let jump = try #require(throws: ProcedureError.self) { try service.advance(fresh.id, to: .approved, evidence: StepEvidence(approval: second)) }
            #expect(jump.description.contains("returned") && jump.description.contains("Allowed: drafted"))
            #expect(try CaseQueries(registry: f.registry, actor: .commandLine("t")).show(fresh.id).namingCase.state == .returned)
        }
    }

    @Test("16 days after approval without filing, the batch's cases are overdue by 1 day")
    func overdue() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let cases = try casesInNotice(f, count: 4)
            let batches = BatchService(cases: f.service(8))
            let batch = try batches.create(county: DivisionCode("379901")!, title: "b")
            _ = try batches.add(batch.id, cases: cases.map(\.id))
            _ = try batches.approve(batch.id, approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕3号", date: Self.day(8)))
            let queries = CaseQueries(registry: f.registry, actor: .commandLine("t"))
            let overdue = try queries.due(today: Self.day(8 + 16), within: nil, overdueOnly: true)
            #expect(Set(overdue.map(\.caseID)) == Set(cases.map(\.id.description)))
            #expect(overdue.allSatisfy { $0.daysLeft == -1 && $0.batchID == batch.id.description })
            #expect(try queries.due(today: Self.day(8 + 15), within: nil, overdueOnly: true).isEmpty)
            #expect(try queries.due(today: Self.day(8 + 10), within: 5, overdueOnly: false).count == 8)
            // Done late: the breach stays listed after the step, with its days, and counts on the dashboard.
            let late = BatchService(cases: f.service(8 + 18))
            _ = try late.file(batch.id, filing: Filing(date: Self.day(8 + 17), body: "示范市民政局"))
            let due = try queries.due(today: Self.day(8 + 18), within: nil, overdueOnly: true)
            #expect(due.filter { $0.step == "filing" }.allSatisfy { $0.done == "2026-03-27" && $0.daysLeft == -2 && $0.isBreach })
            #expect(due.filter { $0.step == "announcement" }.allSatisfy { $0.done == nil && $0.daysLeft == -3 })
            #expect(due.count == 8)
            let dashboard = try DashboardReport.load(f.registry, actor: .commandLine("t"), today: Self.day(8 + 18))
            #expect(dashboard.towns.map(\.late).reduce(0, +) == 4)
            // An announcement dated ahead is refused.
            let wrong = try #require(throws: ProcedureError.self) {
                try BatchService(cases: f.service(8 + 18)).announce(batch.id, announcement: Announcement(date: Self.day(8 + 19), channels: ["县政府网站"]))
            }
            #expect(wrong.description.contains("in the future"))
            // Working days: 15 working days from a Tuesday run past three weekends.
            var rules = DeadlineRules()
            rules.workingDays = true
            #expect(DeadlineRules.dayString(rules.add(15, to: Self.day(8))) == "2026-03-31")
        }
    }

    @Test("a rename keeps the old name as history with its end date")
    func rename() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            func complete(_ c: NamingCase, document: String, approvalDay: Int) throws {
                let s = f.service(approvalDay + 3) // the day of the last step: no step is dated in the future
                _ = try s.advance(c.id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: document, date: Self.day(approvalDay))))
                _ = try s.file(c.id, filing: Filing(date: Self.day(approvalDay + 2), body: "示范市民政局"))
                _ = try s.announce(c.id, announcement: Announcement(date: Self.day(approvalDay + 3), channels: ["县政府网站"]))
            }
            let first = try casesInNotice(f, count: 1)[0]
            try complete(first, document: "示政字〔2026〕5号", approvalDay: 8)
            let service = f.service(40)
            let rename = try service.create(CaseApplication(kind: .renaming, road: first.roadID!, name: "惠民路", applicant: "乡人民政府",
                                                            reasons: "原名与邻县重名", meaning: "惠及于民"))
            _ = try service.advance(rename.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try service.advance(rename.id, to: .submitted, evidence: StepEvidence())
            _ = try service.advance(rename.id, to: .underReview, evidence: StepEvidence())
            _ = try service.advance(rename.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "县政府网站", assessment: Self.assessment))
            try complete(rename, document: "示政字〔2026〕30号", approvalDay: 50)
            let history = try CaseQueries(registry: f.registry, actor: .commandLine("t")).history(road: first.roadID!)
            #expect(history.map(\.text) == [first.proposedName, "惠民路"])
            #expect(history[0].status == .former && history[0].validFrom == "2026-03-10" && history[0].validTo == "2026-04-21")
            #expect(history[1].status == .standard && history[1].validFrom == "2026-04-21" && history[1].validTo == nil)
        }
    }

    @Test("the 请示 is drawn up only after the public notice has ended and every objection is answered: it never reports a notice or objections that are not over")
    func requestAfterNotice() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let noticed = try #require(try casesInNotice(f, count: 1).first)
            func request(on offset: Int) throws -> String {
                try ProcedureDocuments(registry: f.registry, actor: .commandLine("t"), clock: FixedClock(Self.day(offset))).html(.request, id: noticed.id)
            }
            // The notice runs from day 0 to day 6.
            #expect { try request(on: 6) } throws: { error in
                ClassifiedError.classify(error).messageZh.contains("公示期满后方可拟写请示")
            }
            _ = try f.service(3).object(noticed.id, from: "村民王五", text: "建议改用老地名")
            #expect { try request(on: 7) } throws: { error in
                ClassifiedError.classify(error).messageZh.contains("第1件公示异议尚未答复")
            }
            _ = try f.service(7).resolveObjection(noticed.id, number: 1, handling: "维持拟定名称", upheld: false)
            let html = try request(on: 7)
            #expect(html.contains("公示期间收到异议1件，均已依法处理") && html.contains("2026年03月08日"))
        }
    }
}
