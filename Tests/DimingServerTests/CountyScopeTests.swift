import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import GeoFormats
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Issue 18, item 4: scope across counties. The demo county (379901) holds the data; a clerk, a
/// reviewer and an administrator of another county (379902) try to read and change it through the
/// JSON API and the pages (and, where no web route exists, the use case itself). Every attempt is
/// refused or shows nothing of the demo county, and nothing changes: no audit event but sign-ins.
@Suite("Scope across counties")
struct CountyScopeTests {
    static let other = DivisionCode("379902")!

    /// The demo county's records the outsiders aim at.
    struct Targets {
        var noticeCase: NamingCase
        var openBatch: Batch
        var approvedBatch: Batch
        var freeRoad: FeatureID
        var standardRoad: FeatureID
        var poi: FeatureID
        var poiName: String
        var sign: Sign
        var delivery: FeatureID
    }

    /// One row of the matrix: who, what, and how the answer shows a refusal.
    struct Attempt: Sendable {
        enum Expect: Sendable { case forbidden, showsNone([String]) }
        var who: String
        var method: HTTPRequest.Method
        var uri: String
        var form: [String: String]? = nil
        var json: [String: String]? = nil
        var expect: Expect = .forbidden
        var label: String { "\(who) \(method) \(uri)" }
    }

    @Test("another county's roads, backlog, name search and name checks are refused or show nothing, also when the county's own answers are kept")
    func reads() async throws {
        let f = try ServerFixture()
        let t = try Self.targets(f)
        try f.addAccount(UserAccount(username: "reviewerA", displayName: "外县审核人", role: .reviewer, countyCode: Self.other, townCode: nil))
        let standard = try #require(try RoadQueries(registry: f.registry, actor: .commandLine("test")).show(t.standardRoad).name)
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let county = ServerFixture.county.rawValue
        let refused = ["/api/roads/\(t.freeRoad)", "/roads/\(t.freeRoad)", "/api/roads?county=\(county)", "/api/backlog?county=\(county)",
                       "/api/names/check?road=\(t.freeRoad)&name=\(encoded("同心路"))", "/api/names/check?county=\(county)&name=\(encoded("同心路"))"]
        let empty = ["/api/roads", "/api/roads?unnamed=1", "/api/backlog", "/api/names/search?q=\(encoded(standard))"]
        try await f.test { client in
            let own = try await client.signIn("reviewer"), outsider = try await client.signIn("reviewerA")
            for uri in refused + empty {
                let kept = try await client.send(Attempt(who: "reviewer", method: .get, uri: uri), as: own)
                #expect(kept.status == .ok, "\(uri): \(kept.text.prefix(200))")
                let answer = try await client.send(Attempt(who: "reviewerA", method: .get, uri: uri), as: outsider)
                if refused.contains(uri) {
                    #expect(answer.status == .forbidden, "\(uri): \(answer.status)")
                } else {
                    #expect(answer.status == .ok, "\(uri): \(answer.status)")
                    for text in [t.freeRoad.description, t.standardRoad.description, standard, "\"\(county)"] {
                        #expect(!answer.text.contains(text), "\(uri) shows \(text)")
                    }
                }
            }
        }
    }

    @Test("30 reads and writes of another county's cases, batches, documents, POIs, signs and deliveries are refused; a clerk cannot pull a case back from 公示")
    func matrix() async throws {
        let f = try ServerFixture()
        let t = try Self.targets(f)
        for (username, role) in [("clerkA", UserAccount.Role.clerk), ("reviewerA", .reviewer), ("adminA", .admin)] {
            try f.addAccount(UserAccount(username: username, displayName: "外县\(role.chinese)", role: role, countyCode: Self.other,
                                         townCode: role == .clerk ? DivisionCode("379902101000") : nil))
        }
        let before = try Self.auditedChanges(f)
        let c = t.noticeCase.id, open = t.openBatch.id, approved = t.approvedBatch.id
        let names = [t.noticeCase.proposedName, t.openBatch.title, t.approvedBatch.title]
        let attempts: [Attempt] = [
            // Cases (案卷): read, list, advance, object, open one on the county's road.
            Attempt(who: "clerkA", method: .get, uri: "/api/cases/\(c)"),
            Attempt(who: "reviewerA", method: .get, uri: "/api/cases/\(c)"),
            Attempt(who: "adminA", method: .get, uri: "/cases/\(c)"),
            Attempt(who: "reviewerA", method: .get, uri: "/api/cases", expect: .showsNone([c.description])),
            Attempt(who: "adminA", method: .get, uri: "/cases", expect: .showsNone([c.description, t.noticeCase.proposedName])),
            Attempt(who: "reviewerA", method: .get, uri: "/", expect: .showsNone(names + [c.description])),
            Attempt(who: "reviewerA", method: .post, uri: "/api/cases/\(c)/advance", json: ["to": "drafted", "reason": "退回修改"]),
            Attempt(who: "adminA", method: .post, uri: "/cases/\(c)/advance", form: ["to": "drafted", "reason": "退回修改"]),
            Attempt(who: "clerkA", method: .post, uri: "/cases/\(c)/objections", form: ["from": "村民", "text": "反对"]),
            Attempt(who: "reviewerA", method: .post, uri: "/api/cases", json: ["road": t.freeRoad.description, "name": "外县路", "applicant": "外县村委会"]),
            Attempt(who: "clerkA", method: .post, uri: "/roads/\(t.freeRoad)/propose", form: ["name": "外县路", "applicant": "外县村委会"]),
            // Batches (批次): read, list, approve, file, announce, add a case.
            Attempt(who: "reviewerA", method: .get, uri: "/batches/\(open)"),
            Attempt(who: "clerkA", method: .get, uri: "/batches/\(approved)"),
            Attempt(who: "reviewerA", method: .get, uri: "/batches", expect: .showsNone([t.openBatch.title, t.approvedBatch.title])),
            Attempt(who: "reviewerA", method: .post, uri: "/batches/\(open)/approve", form: ["authority": "示范县人民政府", "document": "外政字〔2026〕1号", "date": "2026-11-20"]),
            Attempt(who: "adminA", method: .post, uri: "/batches/\(approved)/file", form: ["date": "2026-01-21", "body": "示范市民政局"]),
            Attempt(who: "reviewerA", method: .post, uri: "/batches/\(approved)/announce", form: ["date": "2026-01-21", "channels": "县政府网站"]),
            Attempt(who: "adminA", method: .post, uri: "/batches/\(open)/cases", form: ["case": c.description]),
            // Documents (文书) of the county's batches.
            Attempt(who: "clerkA", method: .get, uri: "/batches/\(approved)/documents/announcement"),
            Attempt(who: "reviewerA", method: .get, uri: "/batches/\(open)/documents/notice"),
            Attempt(who: "adminA", method: .get, uri: "/batches/\(approved)/documents/filing"),
            // POIs (兴趣点): the review queue and the decisions.
            Attempt(who: "reviewerA", method: .get, uri: "/api/pois/review", expect: .showsNone([t.poi.description, t.poiName])),
            Attempt(who: "adminA", method: .get, uri: "/pois", expect: .showsNone([t.poi.description, t.poiName])),
            Attempt(who: "reviewerA", method: .post, uri: "/pois/\(t.poi)/review", form: ["decision": "accept"]),
            Attempt(who: "adminA", method: .post, uri: "/pois/\(t.poi)/review", form: ["decision": "reject", "reason": "重复"]),
            // Signs (标志) and deliveries (交付).
            Attempt(who: "reviewerA", method: .get, uri: "/api/signs?road=\(t.standardRoad)", expect: .showsNone([t.sign.id.description, t.sign.code])),
            Attempt(who: "adminA", method: .get, uri: "/api/signs", expect: .showsNone([t.sign.id.description, t.sign.code])),
            Attempt(who: "reviewerA", method: .get, uri: "/api/deliveries", expect: .showsNone([t.delivery.description])),
            // The township clerk of the case's own town may not move it back out of the reviewer's steps.
            Attempt(who: "clerk", method: .post, uri: "/api/cases/\(c)/advance", json: ["to": "drafted", "reason": "撤回"]),
            Attempt(who: "clerk", method: .post, uri: "/cases/\(c)/advance", form: ["to": "drafted", "reason": "撤回"]),
        ]
        #expect(attempts.count == 30)
        try await f.test { client in
            var sessions: [String: Session] = [:]
            for attempt in attempts {
                if sessions[attempt.who] == nil { sessions[attempt.who] = try await client.signIn(attempt.who) }
                let page = try await client.send(attempt, as: sessions[attempt.who]!)
                switch attempt.expect {
                case .forbidden:
                    #expect(page.status == .forbidden && !page.text.contains("CSRF"), "\(attempt.label): \(page.status) \(page.text.prefix(200))")
                case let .showsNone(hidden):
                    #expect(page.status == .ok || page.status == .forbidden, "\(attempt.label): \(page.status)")
                    for text in hidden { #expect(!page.text.contains(text), "\(attempt.label) shows \(text)") }
                }
                for name in names where attempt.expect.isForbidden {
                    #expect(!page.text.contains(name), "\(attempt.label): the refusal shows \(name)")
                }
            }
        }
        // Where no web route exists, the use case refuses the same way.
        let admin = UserAccount(username: "adminA", displayName: "外县管理员", role: .admin, countyCode: Self.other, townCode: nil)
        let reviewer = UserAccount(username: "reviewerA", displayName: "外县审核人", role: .reviewer, countyCode: Self.other, townCode: nil)
        let export = DeliveryExport(registry: f.registry, resources: f.resources, categories: try .load(geoData: ServerFixture.geoData), actor: admin)
        #expect(throws: AccessDenied.self) { try export.acknowledge(t.delivery, by: "高德数据组", note: nil) }
        #expect(throws: AccessDenied.self) {
            try export.run(profile: .load("amap", geoData: ServerFixture.geoData), county: ServerFixture.county, since: .everything, root: f.folder.path("outside"))
        }
        #expect(throws: AccessDenied.self) { try SignService(registry: f.registry, actor: reviewer).record(t.sign.id, SignEvent(status: .installed, date: Date())) }
        #expect(throws: AccessDenied.self) { try SignService(registry: f.registry, actor: reviewer).plan(road: t.standardRoad) }
        #expect(throws: AccessDenied.self) {
            try SignOrder(signs: SignService(registry: f.registry, actor: admin)).write(road: t.standardRoad, to: f.folder.path("orders"))
        }
        #expect(try SignService(registry: f.registry, actor: reviewer).list().isEmpty)

        // Nothing changed: the same audit trail but sign-ins, the same states.
        #expect(try Self.auditedChanges(f) == before)
        #expect(try Self.states(f, t) == Self.states(f, t, expected: true))
        let outside = (try? FileManager.default.contentsOfDirectory(atPath: f.folder.path("outside"))) ?? []
        #expect(outside.isEmpty, "\(outside)")
    }

    /// The targets' states now, or (`expected`) as they were set up.
    static func states(_ f: ServerFixture, _ t: Targets, expected: Bool = false) throws -> [String] {
        if expected { return ["publicNotice", "nil", "nil", "pending", t.sign.status.rawValue, "0"] }
        return try f.registry.read { db in
            [try db.cases.find(id: t.noticeCase.id)?.state.rawValue ?? "?", try db.cases.findBatch(id: t.openBatch.id)?.approval.map { "\($0)" } ?? "nil",
             try db.cases.findBatch(id: t.approvedBatch.id)?.filing.map { "\($0)" } ?? "nil", try db.pois.find(id: t.poi)?.poi.status.rawValue ?? "?",
             try db.signs.find(id: t.sign.id)?.status.rawValue ?? "?", "\(try db.cases.list(road: t.freeRoad).count)"]
        }
    }

    /// Audit events other than sign-ins and sign-outs (which outsiders legitimately cause).
    static func auditedChanges(_ f: ServerFixture) throws -> [String] {
        try f.registry.read { db in
            try db.audit.events(entityKind: nil, entityID: nil, action: nil, limit: 1_000_000)
                .filter { $0.entityKind != "user" }.map { "\($0.action.rawValue) \($0.entityID ?? "")" }
        }
    }

    /// A case in public notice and an open batch holding it; a batch approved but neither filed nor
    /// announced; a road of the county still free; a standard road with its planned signs and a
    /// delivery; a POI waiting for review.
    static func targets(_ f: ServerFixture) throws -> Targets {
        let town = try f.town(of: "clerk")
        let roads = try f.unnamedRoads(in: town).map(\.id)
        try #require(roads.count >= 4)
        let noticeCase = try f.caseInNotice(road: roads[0])
        let openBatch = try f.batches.create(county: ServerFixture.county, title: "示范县2026年第一批")
        _ = try f.batches.add(openBatch.id, cases: [noticeCase.id])

        func service(_ day: String) -> CaseService {
            CaseService(registry: f.registry, resources: f.resources, actor: ServerFixture.setup, clock: FixedClock(DeadlineRules.day(day)!))
        }
        func batch(road: FeatureID, title: String, complete: Bool) throws -> Batch {
            let desk = NamingDesk(registry: f.registry, resources: f.resources, actor: ServerFixture.setup)
            let name = try #require(try desk.suggest(road: road, limit: 1).first).name
            let cases = service("2026-01-05")
            let created = try cases.create(CaseApplication(road: road, name: name, applicant: "村民委员会", reasons: "方便群众出行", meaning: "以沿线村庄命名"))
            _ = try cases.advance(created.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(scope: "村民", opinions: [])))
            _ = try cases.advance(created.id, to: .submitted, evidence: StepEvidence())
            _ = try cases.advance(created.id, to: .underReview, evidence: StepEvidence())
            _ = try cases.advance(created.id, to: .publicNotice, evidence: StepEvidence(
                noticeChannel: "县政府网站", assessment: Assessment(conclusion: "可行", date: DeadlineRules.day("2026-01-05")!)))
            let batches = BatchService(cases: service("2026-01-20"))
            let batch = try batches.create(county: ServerFixture.county, title: title)
            _ = try batches.add(batch.id, cases: [created.id])
            _ = try batches.approve(batch.id, approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕\(title.count)号", date: DeadlineRules.day("2026-01-20")!))
            if complete {
                _ = try batches.file(batch.id, filing: Filing(date: DeadlineRules.day("2026-01-20")!, body: "示范市民政局"))
                _ = try batches.announce(batch.id, announcement: Announcement(date: DeadlineRules.day("2026-01-20")!, channels: ["县政府网站"]))
            }
            return try #require(try f.registry.read { try $0.cases.findBatch(id: batch.id) })
        }
        let approvedBatch = try batch(road: roads[1], title: "示范县2026年第二批", complete: false)
        _ = try batch(road: roads[2], title: "示范县2026年第三批（已公告）", complete: true)

        let sign = try #require(try SignService(registry: f.registry, actor: ServerFixture.setup).plan(road: roads[2]).first)
        let categories = try POICategories.load(geoData: ServerFixture.geoData)
        let delivery = try DeliveryExport(registry: f.registry, resources: f.resources, categories: categories, actor: ServerFixture.setup)
            .run(profile: .load("amap", geoData: ServerFixture.geoData), county: ServerFixture.county, since: .everything, root: f.folder.path("exports"))
        let csv = f.folder.path("pois.csv")
        try "名称,类别,经度,纬度\n示范幸福农家乐,农家乐,115.842,36.25\n".write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try POIImport(registry: f.registry, categories: categories, actor: ServerFixture.setup).run(path: csv, county: ServerFixture.county)
        let poi = try #require(try POIReview(registry: f.registry, actor: ServerFixture.setup).pending().first)
        return Targets(noticeCase: noticeCase, openBatch: openBatch, approvedBatch: approvedBatch, freeRoad: roads[3], standardRoad: roads[2],
                       poi: poi.poi.id, poiName: poi.poi.name, sign: sign, delivery: try #require(FeatureID(delivery.id)))
    }
}

extension CountyScopeTests.Attempt.Expect {
    var isForbidden: Bool { if case .forbidden = self { true } else { false } }
}

extension TestClientProtocol {
    /// Sends one attempt of the matrix: a GET, a form POST with the CSRF token, or a JSON POST with it in `X-CSRF-Token`.
    func send(_ attempt: CountyScopeTests.Attempt, as session: Session) async throws -> Page {
        if let form = attempt.form { return try await post(attempt.uri, form: form, as: session) }
        guard let json = attempt.json else { return try await get(attempt.uri, as: session) }
        let body = try JSONSerialization.data(withJSONObject: json)
        let response = try await execute(uri: attempt.uri, method: attempt.method,
                                         headers: [.cookie: session.cookie, .contentType: "application/json", .init("X-CSRF-Token")!: session.csrf],
                                         body: ByteBuffer(bytes: body))
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}
