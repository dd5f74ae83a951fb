import Crypto
import DimingCore
import DimingKit
import DimingStore
import Foundation
import Naming
import TestSupport
import Testing

/// Authorization and the audit trail live in the use cases: every use case, run by every role
/// against its own and another town (and county), does what the policy table says; every mutating
/// use case leaves audit events that name its actor.
@Suite("Use cases: policy and audit")
struct UseCasePolicyTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    struct World {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        let resources: NamingResources
        let county: DivisionCode
        let townA: DivisionCode
        let townB: DivisionCode
        /// An unnamed road in each town.
        let roadA: FeatureID
        let roadB: FeatureID
        /// A drafted case in each town.
        let caseA: FeatureID
        let caseB: FeatureID
    }

    func world() throws -> World {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("setup"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        let registry = try SQLiteRegistry(path: folder.path("d.sqlite"))
        let resources = try NamingResources.load(geoData: Self.geoData)
        let towns = try DivisionQueries(registry: registry).list(parent: nil, level: .town)
        let townA = towns[0].code, townB = towns[1].code
        let roads = try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true))
        func road(in town: DivisionCode, skip: Int) throws -> FeatureID {
            try #require(FeatureID(roads.filter { $0.townCode == town.rawValue }.dropFirst(skip).first?.id ?? ""))
        }
        let admin = UserAccount.commandLine("setup")
        let desk = NamingDesk(registry: registry, resources: resources, actor: admin)
        func draft(_ road: FeatureID) throws -> FeatureID {
            let name = try #require(try desk.suggest(road: road, limit: 1).first).name
            return try CaseService(registry: registry, resources: resources, actor: admin)
                .create(CaseApplication(road: road, name: name, applicant: "村民委员会", meaning: "以村庄命名")).id
        }
        let caseA = try draft(road(in: townA, skip: 1)), caseB = try draft(road(in: townB, skip: 1))
        return World(folder: folder, registry: registry, resources: resources, county: townA.ancestor(at: .county), townA: townA, townB: townB,
                     roadA: try road(in: townA, skip: 0), roadB: try road(in: townB, skip: 0), caseA: caseA, caseB: caseB)
    }

    /// The people who ask: clerks of both towns, the county's reviewer, another county's reviewer,
    /// the county's administrator and a registry administrator.
    func actors(_ w: World) -> [UserAccount] {
        let other = DivisionCode("379902000000")!
        return [
            UserAccount(username: "clerkA", displayName: "A", role: .clerk, countyCode: w.county, townCode: w.townA),
            UserAccount(username: "clerkB", displayName: "B", role: .clerk, countyCode: w.county, townCode: w.townB),
            UserAccount(username: "reviewer", displayName: "R", role: .reviewer, countyCode: w.county, townCode: nil),
            UserAccount(username: "foreignReviewer", displayName: "F", role: .reviewer, countyCode: other, townCode: nil),
            UserAccount(username: "countyAdmin", displayName: "C", role: .admin, countyCode: w.county, townCode: nil),
            UserAccount(username: "admin", displayName: "Z", role: .admin, countyCode: nil, townCode: nil),
        ]
    }

    /// Each use case with the action and scope the policy table gives it.
    func useCases(_ w: World) -> [(name: String, action: AccessAction, scope: AccessScope, run: (UserAccount) throws -> Void)] {
        let r = w.registry, res = w.resources
        func cases(_ a: UserAccount) -> CaseService { CaseService(registry: r, resources: res, actor: a) }
        var list: [(String, AccessAction, AccessScope, (UserAccount) throws -> Void)] = []
        for (label, town, road, caseID) in [("own town", w.townA, w.roadA, w.caseA), ("other town", w.townB, w.roadB, w.caseB)] {
            list += [
                ("create a case (\(label))", .createCase, .town(town), { a in
                    _ = try cases(a).create(CaseApplication(road: road, name: "同心路", applicant: "村委会")) }),
                ("show a case (\(label))", .viewCase, .town(town), { a in _ = try CaseQueries(registry: r, actor: a).show(caseID) }),
                ("consult on a case (\(label))", .draftCase, .town(town), { a in
                    _ = try cases(a).advance(caseID, to: .consulted, evidence: StepEvidence(consultation: Consultation(
                        scope: "村民", opinions: [Opinion(from: "村民代表", text: "同意", handling: "采纳")]))) }),
                ("review a case (\(label))", .reviewCase, .town(town), { a in _ = try cases(a).advance(caseID, to: .underReview, evidence: StepEvidence()) }),
                ("attach evidence (\(label))", .draftCase, .town(town), { a in
                    _ = try cases(a).attach(caseID, path: w.folder.path("d.sqlite"), step: "拟名") }),
                ("file a case (\(label))", .manageBatches, .town(town), { a in
                    _ = try cases(a).file(caseID, filing: Filing(date: Date(), body: "示范市民政局")) }),
                ("the application document (\(label))", .viewCase, .town(town), { a in
                    _ = try ProcedureDocuments(registry: r, actor: a).html(.application, id: caseID) }),
                ("plan signs (\(label))", .manageSigns, .town(town), { a in _ = try SignService(registry: r, actor: a).plan(road: road) }),
            ]
        }
        list += [
            ("create a batch", .manageBatches, .county(w.county), { a in _ = try BatchService(cases: cases(a)).create(county: w.county, title: "第一批") }),
            ("register a name", .manageNames, .county(w.county), { a in
                _ = try NamingDesk(registry: r, resources: res, actor: a).add("和平街", at: NameSite(county: w.county), status: .standard, force: true) }),
            ("confirm a reading", .manageNames, .county(w.county), { a in
                try NamingDesk(registry: r, resources: res, actor: a).confirmReading("朝阳", pinyin: "cháo yáng", place: w.county) }),
            ("sign settings", .manageSettings, .county(w.county), { a in try SignService(registry: r, actor: a).setSettings(SignSettings(), county: w.county) }),
            ("deadline settings", .manageSettings, .county(w.county), { a in
                _ = try DeadlineSettings.update(r, county: w.county, actor: a) { $0.noticeDays = 7 } }),
            ("deliver to Amap", .deliver, .county(w.county), { a in
                _ = try DeliveryExport(registry: r, resources: res, categories: try .load(geoData: Self.geoData), actor: a)
                    .run(profile: try DeliveryProfile.load("amap", geoData: Self.geoData), county: w.county, since: .everything, root: w.folder.path("out-\(a.username)")) }),
            ("import divisions", .importData, .registry, { a in
                _ = try DivisionImport(registry: r, actor: a).run(path: try w.folder.write("d-\(a.username).csv", "code,name,level,level_num,parent_code\n")) }),
            ("survey the county", .importData, .county(w.county), { a in _ = try SurveyRun(registry: r, actor: a).run(county: w.county) }),
            ("add an account", .manageUsers, .town(w.townA), { a in
                try Accounts(registry: r).add(UserAccount(username: "new-\(a.username)", displayName: "新", role: .clerk, countyCode: w.county, townCode: w.townA),
                                              password: "a-long-password", actor: a, hashIterations: 1_000) }),
        ]
        return list
    }

    @Test("every use case, every role, own and other town and county: allowed exactly where the policy table says")
    func matrix() throws {
        let w = try world()
        try withExtendedLifetime(w.folder) { () throws in
            var checked = 0
            for useCase in useCases(w) {
                for actor in actors(w) {
                    let expected = Policy.allows(actor, useCase.action, in: useCase.scope)
                    var denied = false
                    do { try useCase.run(actor) } catch is AccessDenied { denied = true } catch {}
                    #expect(denied == !expected, "\(useCase.name) by \(actor.username): expected \(expected ? "allowed" : "denied")")
                    checked += 1
                }
            }
            #expect(checked >= 6 * 25)
        }
    }

    @Test("the policy table itself: a clerk works in their town, a reviewer in their county, nobody in another county")
    func table() {
        let county = DivisionCode("379901000000")!, town = DivisionCode("379901101000")!, other = DivisionCode("379902101000")!
        let clerk = UserAccount(username: "c", displayName: "c", role: .clerk, countyCode: county, townCode: town)
        let reviewer = UserAccount(username: "r", displayName: "r", role: .reviewer, countyCode: county, townCode: nil)
        #expect(Policy.allows(clerk, .createCase, in: .town(town)))
        #expect(!Policy.allows(clerk, .approve, in: .town(town)))
        #expect(!Policy.allows(clerk, .viewCase, in: .town(DivisionCode("379901102000")!)))
        #expect(Policy.allows(reviewer, .approve, in: .town(town)))
        #expect(!Policy.allows(reviewer, .approve, in: .town(other)))
        #expect(!Policy.allows(reviewer, .manageUsers, in: .county(county)))
        // 公示 → 拟名 is the county's decision, not the township's.
        #expect(Policy.action(from: .publicNotice, to: .drafted) == .reviewCase)
        #expect(Policy.action(from: .returned, to: .drafted) == .draftCase)
    }

    @Test("every mutating use case writes its audit events, each naming the actor, in the same transaction")
    func audit() throws {
        let w = try world()
        try withExtendedLifetime(w.folder) { () throws in
            let admin = UserAccount(username: "auditor", displayName: "审计", role: .admin, countyCode: nil, townCode: nil)
            for useCase in useCases(w) {
                let before = try w.registry.read { try $0.audit.latestID() }
                // The token notices other connections' commits (the earlier use cases' included) at
                // most every 0.1 s: let it catch up first, so a change after this is this use case's.
                Thread.sleep(forTimeInterval: 0.15)
                let changesBefore = try w.registry.changeToken()
                do { try useCase.run(admin) } catch {}
                let events = try w.registry.read { try $0.audit.events(entityKind: nil, entityID: nil, action: nil, limit: 100_000) }.filter { ($0.id ?? 0) > before }
                if try w.registry.changeToken() != changesBefore {
                    #expect(!events.isEmpty, "\(useCase.name) changed the registry without an audit event")
                }
                #expect(events.allSatisfy { $0.actor == "auditor" }, "\(useCase.name): \(events.map(\.actor))")
            }
            // Single-record steps write exactly one event.
            let before = try w.registry.read { try $0.audit.latestID() }
            _ = try BatchService(cases: CaseService(registry: w.registry, resources: w.resources, actor: admin)).create(county: w.county, title: "第二批")
            try SignService(registry: w.registry, actor: admin).setSettings(SignSettings(), county: w.county)
            _ = try Accounts(registry: w.registry).signIn("clerk", password: DemoRegistry.password)
            _ = try Accounts(registry: w.registry).signIn("clerk", password: "wrong-password")
            let events = try w.registry.read { try $0.audit.events(entityKind: nil, entityID: nil, action: nil, limit: 100_000) }.filter { ($0.id ?? 0) > before }
            #expect(events.map(\.action) == [.batchCreated, .settingsSigns, .userSignedIn, .userSignInFailed])
        }
    }

    @Test("the dashboard and the map show the actor's own county, nothing of another")
    func readModelsScoped() throws {
        let w = try world()
        try withExtendedLifetime(w.folder) { () throws in
            let own = UserAccount(username: "r", displayName: "r", role: .reviewer, countyCode: w.county, townCode: nil)
            let foreign = UserAccount(username: "f", displayName: "f", role: .reviewer, countyCode: DivisionCode("379902000000"), townCode: nil)
            let world = BoundingBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90)
            func roads(_ actor: UserAccount) throws -> Int { try MapLayersReport.load(w.registry, actor: actor, box: world).features.filter { $0.properties["layer"] == "road" }.count }
            #expect(try roads(own) > 0)
            #expect(try roads(foreign) == 0)
            #expect(try WorkQueueReport.load(w.registry, actor: foreign, today: Date()).count == 0)
            #expect(try DashboardReport.load(w.registry, actor: own).towns.count >= 2)
            #expect(try DashboardReport.load(w.registry, actor: foreign).towns.isEmpty)
        }
    }

    @Test("a write that changes the registry without an audit event is refused and rolled back")
    func unaudited() throws {
        let w = try world()
        try withExtendedLifetime(w.folder) { () throws in
            #expect(throws: UnauditedWrite.self) { try w.registry.write { try $0.settings.set("x", "y") } }
            #expect(try w.registry.read { try $0.settings.get("x") } == nil)
        }
    }

    /// The hasher of earlier registries, hand-written: PBKDF2-HMAC-SHA256, one block, `pbkdf2-sha256$N$SALT$HASH`.
    static func legacyHash(_ password: String, salt: [UInt8], iterations: Int) -> String {
        let key = SymmetricKey(data: Array(password.utf8))
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<iterations {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in result.indices { result[i] ^= u[i] }
        }
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        return "pbkdf2-sha256$\(iterations)$\(hex(salt))$\(hex(result))"
    }

    @Test("a password stored by the old hand-written hasher still signs in and is rehashed with swift-crypto's PBKDF2")
    func oldPassword() throws {
        let w = try world()
        try withExtendedLifetime(w.folder) { () throws in
            let old = Self.legacyHash("old-password-1", salt: Array(0..<16), iterations: 5_000)
            try w.registry.write { db in
                try db.users.setPassword(username: "clerk", hash: old)
                try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .userPassword, entityKind: "user", entityID: "clerk"))
            }
            #expect(try Accounts(registry: w.registry).signIn("clerk", password: "old-password-1") != nil)
            let stored = try #require(try w.registry.read { try $0.users.find(username: "clerk") }).1
            #expect(stored.hasPrefix("pbkdf2-sha256$210000$"))
            #expect(try Accounts(registry: w.registry).signIn("clerk", password: "old-password-1") != nil)
        }
    }
}
