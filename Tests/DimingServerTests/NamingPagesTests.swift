import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The road page's proposal form and live check, the sign preview, and the case and batch pages
/// as a township clerk and a county reviewer use them.
@Suite("Naming pages: road, sign preview, case, batch")
struct NamingPagesTests {
    @Test("the live check offers only the readings its hint names, each starting on the reading shown; an over-long name is refused as typed and on submit")
    func liveCheck() async throws {
        let f = try ServerFixture()
        let road = try #require(try f.unnamedRoads(in: try f.town(of: "clerk")).first).id
        try await f.test { client in
            let clerk = try await client.signIn("clerk")
            let check = try await client.get("/api/names/check?road=\(road)&name=" + Self.encoded("解家路"), as: clerk)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(check.text.utf8)) as? [String: Any])
            let readings = try #require(json["readings"] as? [[String: Any]])
            #expect(readings.count == 1 && readings.first?["character"] as? String == "解", "\(readings)")
            #expect(readings.first?["current"] as? String == "xiè" && (readings.first?["options"] as? [String])?.first == "xiè")
            let long = "江楼" + String(repeating: "路", count: 60)
            let tooLong = try await client.get("/api/names/check?road=\(road)&name=" + Self.encoded(long), as: clerk)
            #expect(tooLong.text.contains("NAME_TOO_LONG") && tooLong.text.contains("超过15个字的上限"))
            let refused = try await client.post("/roads/\(road)/propose", form: ["name": long, "applicant": "村民委员会", "meaning": "以村庄命名",
                                                                              "origin": "沿用", "reasons": "方便出行"], as: clerk)
            #expect(refused.status == .unprocessableContent, "\(refused.status)")
            let opened = try await f.registry.read { try $0.cases.list(state: nil, town: nil, batch: nil, road: road) }
            #expect(opened.isEmpty, "no case for an over-long name")
        }
    }

    @Test("the proposal form puts 提交拟名 after 含义、来历、理由; the sign preview link shows the road's or the typed name, never a stock one")
    func proposalForm() async throws {
        let f = try ServerFixture()
        let road = try #require(try f.unnamedRoads(in: try f.town(of: "clerk")).first).id
        try await f.test { client in
            let clerk = try await client.signIn("clerk")
            let page = try await client.get("/roads/\(road)", as: clerk).text
            let reasons = try #require(page.range(of: "id=\"reasons\""))
            let submit = try #require(page.range(of: "id=\"submit-name\""))
            #expect(reasons.lowerBound < submit.lowerBound, "the button comes after the fields it needs")
            #expect(!page.contains("size=\"40\""), "no fixed-width fields")
            #expect(!page.contains("/signs/preview?name=" + Self.encoded("幸福路")), "no stock name in the preview link")
            #expect(page.contains("<p hidden><a id=\"sign-preview\""), "an unnamed road's preview waits for a typed name")
            let refused = try await client.post("/roads/\(road)/propose", form: ["name": "1号路", "applicant": "村民委员会"], as: clerk)
            #expect(refused.text.contains("/signs/preview?name=" + Self.encoded("1号路")), "the preview follows what was typed")
        }
    }

    @Test("the sign preview is a page with the site's header, a way back to the road and the plate scaled to the width; the SVG at real size is a link away")
    func signPreview() async throws {
        let f = try ServerFixture()
        let road = try #require(try f.unnamedRoads(in: try f.town(of: "clerk")).first).id
        try await f.test { client in
            let clerk = try await client.signIn("clerk")
            let page = try await client.get("/signs/preview?name=" + Self.encoded("王庄东路") + "&road=\(road)", as: clerk)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<header>") && page.text.contains("href=\"/roads/\(road)\""))
            #expect(page.text.contains(">WANGZHUANG DONGLU</text>"))
            let svg = try #require(page.text.firstMatch(of: /<svg[^>]*>/).map { String($0.0) })
            #expect(svg.contains("width=\"100%\"") && svg.contains("viewBox=") && !svg.contains("mm\""), "\(svg)")
            #expect(!page.text.contains("<?xml"))
            let file = try await client.get("/signs/preview.svg?name=" + Self.encoded("王庄东路"), as: clerk)
            #expect(file.headers[.contentType]?.hasPrefix("image/svg+xml") == true && file.text.contains("mm\""))
        }
    }

    @Test("a 退件 shows its reason in the case's history; 批准 is offered only after the notice has run, with a date picker")
    func casePage() async throws {
        let f = try ServerFixture()
        let roads = try f.unnamedRoads(in: try f.town(of: "clerk"))
        let noticed = try f.caseInNotice(road: roads[0].id)
        let desk = NamingDesk(registry: f.registry, resources: f.resources, actor: ServerFixture.setup)
        let name = try #require(try desk.suggest(road: roads[1].id, limit: 1).first).name
        let returned = try f.cases.create(CaseApplication(road: roads[1].id, name: name, applicant: "村民委员会", reasons: "方便出行", meaning: "以村庄命名"))
        _ = try f.cases.advance(returned.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
        _ = try f.cases.advance(returned.id, to: .submitted, evidence: StepEvidence())
        _ = try f.cases.advance(returned.id, to: .underReview, evidence: StepEvidence())
        _ = try f.cases.advance(returned.id, to: .returned, evidence: StepEvidence(reason: "理由栏过于简单，请补充道路宽度"))
        let end = try #require(noticed.notice?.end)
        try await f.test { client in
            let reviewer = try await client.signIn("reviewer")
            let history = try await client.get("/cases/\(returned.id)", as: reviewer).text
            #expect(history.contains("理由：理由栏过于简单，请补充道路宽度"))
            #expect(history.components(separatedBy: "理由：").count == 2, "only the step with a reason shows one")
            let during = try await client.get("/cases/\(noticed.id)", as: reviewer).text
            #expect(!during.contains("id=\"to-approved\""), "no 批准 during the notice")
            #expect(during.contains("公示期至 \(DeadlineRules.dayString(end))") && during.contains("\(DeadlineRules.dayString(DeadlineRules().add(1, to: end))) 起"))
        }
        // The same registry served the day after the notice ends: 批准 is offered, dated with a picker.
        let later = RegistryServer(services: ServerServices(registry: f.registry, resources: f.resources, categories: try .load(geoData: ServerFixture.geoData),
                                                            clock: FixedClock(DeadlineRules().add(1, to: end))))
        try await later.application().test(.router) { client in
            let reviewer = try await client.signIn("reviewer")
            let after = try await client.get("/cases/\(noticed.id)", as: reviewer).text
            #expect(after.contains("id=\"to-approved\"") && !after.contains("id=\"approval-from\""))
            #expect(after.contains("name=\"date\" value=\"\(DeadlineRules.dayString(DeadlineRules().add(1, to: end)))\" id=\"date\" type=\"date\""))
        }
    }

    @Test("a batch not yet approved offers 公示、请示、批复 but not 公告 or the filing papers, which need the approval")
    func batchDocuments() async throws {
        let f = try ServerFixture()
        let road = try #require(try f.unnamedRoads(in: try f.town(of: "clerk")).first).id
        let noticed = try f.caseInNotice(road: road)
        let batch = try f.batches.create(county: ServerFixture.county, title: "第一批")
        _ = try f.batches.add(batch.id, cases: [noticed.id])
        try await f.test { client in
            let reviewer = try await client.signIn("reviewer")
            let page = try await client.get("/batches/\(batch.id)", as: reviewer).text
            for kind in ["notice", "request", "reply"] { #expect(page.contains("/batches/\(batch.id)/documents/\(kind)\""), "\(kind)") }
            for kind in ["announcement", "filing-report", "filing"] {
                #expect(!page.contains("/batches/\(batch.id)/documents/\(kind)"), "\(kind) is linked before the approval")
                #expect(try await client.get("/batches/\(batch.id)/documents/\(kind)", as: reviewer).status == .conflict, "\(kind)")
            }
            #expect(page.contains("公告（批准后可用）"))
        }
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
}
