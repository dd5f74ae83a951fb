import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// The administrator's use cases behind the web's 系统管理 and the case page's attachments.
@Suite("Administration: accounts, settings, the audit viewer, attachments")
struct AdministrationTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    func demo() throws -> (TemporaryDirectory, SQLiteRegistry) {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("setup"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        return (folder, try SQLiteRegistry(path: folder.path("d.sqlite")))
    }

    @Test("a disabled account cannot sign in and loses its sessions; enabling restores it; every change is audited")
    func disable() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let accounts = Accounts(registry: registry)
            let admin = try #require(try accounts.list().first { $0.username == "admin" })
            let session = try #require(try accounts.signIn("clerk", password: DemoRegistry.password))
            try accounts.update("clerk", actor: admin) { $0.disabledAt = Date() }
            #expect(try accounts.session(session.token) == nil, "disabling ends the sessions")
            #expect(try accounts.signIn("clerk", password: DemoRegistry.password) == nil)
            try accounts.update("clerk", actor: admin) { $0.disabledAt = nil }
            #expect(try accounts.signIn("clerk", password: DemoRegistry.password) != nil)
            let actions = try registry.read { try $0.audit.events(entityKind: "user", entityID: "clerk", action: nil) }.map(\.action)
            #expect(actions.contains(.userDisabled) && actions.contains(.userEnabled) && actions.contains(.userSignInFailed))
            // Nobody disables themselves or takes away their own administration.
            #expect(throws: InputError.self) { try accounts.update("admin", actor: admin) { $0.disabledAt = Date() } }
            #expect(throws: InputError.self) { try accounts.update("admin", actor: admin) { $0.role = .reviewer } }
        }
    }

    @Test("a role change keeps the scope rules: a clerk needs a town, a reviewer loses the town; another county's administrator is refused")
    func roles() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let accounts = Accounts(registry: registry)
            let admin = try #require(try accounts.list().first { $0.username == "admin" })
            let clerk = try #require(try accounts.list().first { $0.username == "clerk" })
            let reviewer = try accounts.update("clerk", actor: admin) { $0.role = .reviewer; $0.displayName = "  县级审核人二  " }
            #expect(reviewer.role == .reviewer && reviewer.townCode == nil && reviewer.countyCode == clerk.countyCode && reviewer.displayName == "县级审核人二")
            #expect(throws: InputError.self) { try accounts.update("clerk", actor: admin) { $0.role = .clerk; $0.townCode = nil } }
            let stranger = UserAccount(username: "other", displayName: "外县管理员", role: .admin, countyCode: DivisionCode("379902"), townCode: nil)
            #expect(throws: AccessDenied.self) { try accounts.update("clerk", actor: stranger) { $0.displayName = "x" } }
            #expect(throws: AccessDenied.self) { try accounts.list(actor: try #require(try accounts.list().first { $0.username == "reviewer" })) }
            #expect(try accounts.list(actor: stranger).isEmpty, "another county's administrator sees none of this county's accounts")
        }
    }

    @Test("the audit viewer pages newest first, filters by actor, kind and time, and shows a county administrator only the county")
    func auditViewer() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let accounts = Accounts(registry: registry)
            let admin = try #require(try accounts.list().first { $0.username == "admin" })
            _ = try accounts.signIn("clerk", password: DemoRegistry.password)
            _ = try accounts.signIn("clerk", password: "wrong")
            let trail = AuditTrail(registry: registry)
            let all = try trail.search(AuditFilter(), page: 1, pageSize: 2, actor: .commandLine("root"))
            #expect(all.events.count == 2 && all.total > 2 && (all.events[0].id ?? 0) > (all.events[1].id ?? 0))
            let clerk = try trail.search(AuditFilter(actor: "clerk", entityKind: "user"), page: 1, actor: admin)
            #expect(clerk.total == 2 && Set(clerk.events.map(\.action)) == [.userSignedIn, .userSignInFailed])
            let future = try trail.search(AuditFilter(from: Date().addingTimeInterval(86_400)), page: 1, actor: .commandLine("root"))
            #expect(future.total == 0)
            let stranger = UserAccount(username: "other", displayName: "外县管理员", role: .admin, countyCode: DivisionCode("379902"), townCode: nil)
            #expect(try trail.search(AuditFilter(actor: "clerk"), page: 1, actor: stranger).total == 0)
            let clerkAccount = try #require(try accounts.list().first { $0.username == "clerk" })
            #expect(throws: AccessDenied.self) { try trail.search(AuditFilter(), page: 1, actor: clerkAccount) }
        }
    }

    @Test("the 天地图 key is an administrator's setting, checked and audited")
    func siteSettings() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let county = try #require(DivisionCode("379901"))
            let admin = try #require(try Accounts(registry: registry).list().first { $0.username == "admin" })
            try SiteSettings.update(registry, county: county, actor: admin, SiteSettings(tiandituKey: " abc123DEF "))
            #expect(try SiteSettings.load(registry, county: county).tiandituKey == "abc123DEF")
            #expect(throws: InputError.self) { try SiteSettings.update(registry, county: county, actor: admin, SiteSettings(tiandituKey: "<script>")) }
            let reviewer = try #require(try Accounts(registry: registry).list().first { $0.username == "reviewer" })
            #expect(throws: AccessDenied.self) { try SiteSettings.update(registry, county: county, actor: reviewer, SiteSettings(tiandituKey: "x1")) }
            #expect(try registry.read { try $0.audit.events(entityKind: "county", entityID: "379901", action: .settingsSite) }.count == 1)
        }
    }

    @Test("evidence is kept by content type and hash: a PDF and a PNG pass, a renamed text file or a truncated PDF is refused and nothing is kept")
    func attachments() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let resources = try NamingResources.load(geoData: Self.geoData)
            let admin = UserAccount.commandLine("setup")
            let road = try #require(FeatureID(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true))[0].id))
            let name = try #require(try NamingDesk(registry: registry, resources: resources, actor: admin).suggest(road: road, limit: 1).first).name
            let cases = CaseService(registry: registry, resources: resources, actor: admin)
            let id = try cases.create(CaseApplication(road: road, name: name, applicant: "村民委员会", meaning: "以村庄命名")).id
            let store = AttachmentStore(folder: folder.path("files"))
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            let kept = try cases.attach(id, data: pdf, filename: "征求意见表", step: "征求意见表", store: store)
            #expect(kept.path == "征求意见表.pdf")
            let back = try cases.attachment(id, sha256: kept.sha256, store: store)
            #expect(back.data == pdf && back.contentType == "application/pdf")
            var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
            png += Data([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0])
            #expect(try cases.attach(id, data: png, filename: "scan.PNG", step: "批复扫描件", store: store).path == "scan.PNG")
            #expect(throws: InputError.self) { try cases.attach(id, data: Data("hello".utf8), filename: "fake.pdf", step: "x", store: store) }
            #expect(throws: InputError.self) { try cases.attach(id, data: Data("%PDF-1.4 cut".utf8), filename: "cut.pdf", step: "x", store: store) }
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("files")).filter { !$0.hasPrefix(".") }
            #expect(files.count == 2)
            #expect(try registry.read { try $0.cases.find(id: id) }?.attachments.count == 2)
        }
    }
}
