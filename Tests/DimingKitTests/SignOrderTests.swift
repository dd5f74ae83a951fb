import DimingCore
@testable import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// Issue 15, part 5: a plate is ordered only with the road's current standard name, and the order
/// says how each plate is made and set up (sides, mounting, post height).
@Suite("Sign orders")
struct SignOrderTests {
    /// Renames the fixture's road (兴业路) to 振兴路 through the whole procedure.
    func rename(_ f: SignageTests.Fixture) throws {
        let cases = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-01")!))
        let rename = try cases.create(CaseApplication(kind: .renaming, road: f.road, name: "振兴路", applicant: "镇人民政府", reasons: "原名重名", meaning: "振兴乡村"))
        _ = try cases.advance(rename.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
        _ = try cases.advance(rename.id, to: .submitted, evidence: StepEvidence())
        _ = try cases.advance(rename.id, to: .underReview, evidence: StepEvidence())
        _ = try cases.advance(rename.id, to: .publicNotice, evidence: StepEvidence(noticeChannel: "网站", assessment: Assessment(conclusion: "可行", date: DeadlineRules.day("2026-05-01")!)))
        let later = CaseService(registry: f.registry, resources: f.desk.resources, actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day("2026-05-23")!))
        _ = try later.advance(rename.id, to: .approved, evidence: StepEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕40号", date: DeadlineRules.day("2026-05-20")!)))
        _ = try later.file(rename.id, filing: Filing(date: DeadlineRules.day("2026-05-22")!, body: "示范市民政局"))
        _ = try later.announce(rename.id, announcement: Announcement(date: DeadlineRules.day("2026-05-23")!, channels: ["网站"]))
    }

    @Test("plates planned under a former name are not ordered; planned again, they are, with the current name")
    func currentNameOnly() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("t"))
            let planned = try service.plan(road: f.road)
            #expect(planned.allSatisfy { $0.text == "兴业路" })
            try rename(f)
            let refused = try #require(throws: ProcedureViolation.self) { try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order")) }
            #expect("\(refused)".contains("current standard name is 振兴路") && refused.messageZh.contains("振兴路"), "\(refused)")
            #expect(try service.list(road: f.road).allSatisfy { $0.status == .planned }, "nothing was ordered")
            #expect(!FileManager.default.fileExists(atPath: f.folder.path("order")), "no order files")
            _ = try service.plan(road: f.road)
            let written = try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order"))
            let csv = String(decoding: try #require(FileManager.default.contents(atPath: written.csv)).dropFirst(3), as: UTF8.self)
            #expect(written.signs == 4 && csv.contains("振兴路") && !csv.contains("兴业路"))
        }
    }

    @Test("a road without a current standard name gets no plate")
    func noStandardName() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let sign = try #require(try SignService(registry: f.registry, actor: .commandLine("t")).plan(road: f.road).first)
            let refused = try #require(throws: ProcedureViolation.self) { try SignOrder.requireCurrentName(sign, standard: nil) }
            #expect("\(refused)".contains("has no current standard name") && "\(refused)".contains(sign.code), "\(refused)")
        }
    }

    @Test("the order says single- or double-sided, post or wall, and the post's height; each sign keeps it")
    func mounting() throws {
        let f = try SignageTests().fixture()
        try withExtendedLifetime(f.folder) {
            let service = SignService(registry: f.registry, actor: .commandLine("t"))
            _ = try service.plan(road: f.road)
            let wall = try SignMounting(sides: .single, mounting: .wall, postHeight: nil)
            let written = try SignOrder(signs: service).write(road: f.road, mounting: wall, to: f.folder.path("order"))
            let csv = String(decoding: try #require(FileManager.default.contents(atPath: written.csv)).dropFirst(3), as: UTF8.self)
            let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(lines.first)
            #expect(Array(header.suffix(3)) == ["单双面", "安装方式", "立柱高度（米）"])
            #expect(lines.dropFirst().allSatisfy { Array($0.suffix(3)) == ["单面", "附墙式", ""] }, "\(csv)")
            #expect(try service.list(road: f.road).allSatisfy { $0.status == .ordered && $0.mounting == wall })
            let audit = try f.registry.read { try $0.audit.events(action: .signOrdered) }
            #expect(audit.count == 4 && audit.allSatisfy { ($0.after ?? "").contains("\"wall\"") })

            // Planned again and ordered by default: double-sided on a 3 m post.
            _ = try service.plan(road: f.road)
            let standard = try SignOrder(signs: service).write(road: f.road, to: f.folder.path("order2"))
            let text = String(decoding: try #require(FileManager.default.contents(atPath: standard.csv)).dropFirst(3), as: UTF8.self)
            #expect(text.contains("双面,立柱式,3.00"), "\(text)")
        }
    }

    @Test("property: a post needs a height between 2 and 6 m; a wall has none")
    func mountingRules() throws {
        for tenth in 0...80 {
            let height = Double(tenth) / 10
            let post = Result { try SignMounting(sides: .double, mounting: .post, postHeight: height) }
            #expect((try? post.get()) != nil ? (2.0...6.0).contains(height) : !(2.0...6.0).contains(height), "\(height)")
            #expect(throws: SignMountingError.postOnWall) { try SignMounting(sides: .single, mounting: .wall, postHeight: height) }
        }
        #expect(throws: SignMountingError.postHeightMissing) { try SignMounting(sides: .single, mounting: .post, postHeight: nil) }
        #expect((try SignMounting(sides: .single, mounting: .wall, postHeight: nil)).postHeight == nil)
    }
}
