import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A demo registry in a temporary folder and the web server on it, driven in process (no port).
struct ServerFixture {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    /// The person at the command line, who sets the registry up.
    static let setup = UserAccount.commandLine("t")
    static let county = DivisionCode("379901")!

    let folder: TemporaryDirectory
    let registry: SQLiteRegistry
    let resources: NamingResources
    let server: RegistryServer

    init() throws {
        folder = try TemporaryDirectory()
        let path = folder.path("demo.sqlite")
        _ = try DemoRegistry(geoData: Self.geoData, actor: Self.setup, open: SQLiteRegistry.opener).build(path: path)
        registry = try SQLiteRegistry(path: path)
        resources = try .load(geoData: Self.geoData)
        server = RegistryServer(services: ServerServices(registry: registry, resources: resources, categories: try .load(geoData: Self.geoData)))
    }

    var cases: CaseService { CaseService(registry: registry, resources: resources, actor: Self.setup) }
    var batches: BatchService { BatchService(cases: cases) }

    /// The demo account's town (`clerk`, `clerk2`).
    func town(of username: String) throws -> DivisionCode {
        try #require(try Accounts(registry: registry).list().first { $0.username == username }?.townCode)
    }

    /// Unnamed roads of a town.
    func unnamedRoads(in town: DivisionCode) throws -> [Road] {
        let ids = try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(town: town, unnamedOnly: true)).compactMap { FeatureID($0.id) }
        return try registry.read { db in try ids.compactMap { try db.roads.find(id: $0) } }
    }

    /// Opens a case on `road` with a suggested name and takes it to public notice.
    func caseInNotice(road: FeatureID, applicant: String = "村民委员会") throws -> NamingCase {
        let desk = NamingDesk(registry: registry, resources: resources, actor: Self.setup)
        let name = try #require(try desk.suggest(road: road, limit: 1).first).name
        let created = try cases.create(CaseApplication(road: road, name: name, applicant: applicant, reasons: "方便群众出行",
                                                       meaning: "以沿线村庄命名", origin: "沿用群众习惯叫法"))
        _ = try cases.advance(created.id, to: .consulted, evidence: StepEvidence(consultation: Consultation(
            scope: "沿线村民代表", opinions: [Opinion(from: "村民代表", text: "同意", handling: "采纳")])))
        _ = try cases.advance(created.id, to: .submitted, evidence: StepEvidence())
        _ = try cases.advance(created.id, to: .underReview, evidence: StepEvidence())
        return try cases.advance(created.id, to: .publicNotice, evidence: StepEvidence(
            noticeChannel: "县政府网站", assessment: Assessment(conclusion: "名称规范", report: "示民评〔2026〕1号", date: cases.clock.now())))
    }

    /// Adds an account with the demo password.
    func addAccount(_ user: UserAccount) throws {
        try Accounts(registry: registry).add(user, password: DemoRegistry.password, actor: Self.setup, hashIterations: 2_000)
    }

    /// Runs `body` against the router, in process.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await server.application().test(.router, body)
    }
}

/// A signed-in browser: the session cookie and the CSRF token.
struct Session: Sendable {
    var username: String
    var cookie: String
    var csrf: String
}

struct Page: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
}

extension TestClientProtocol {
    /// Signs in through `POST /api/session` (JSON), as the web pages' scripts would.
    func signIn(_ username: String, password: String = DemoRegistry.password) async throws -> Session {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        let response = try await execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(bytes: body))
        try #require(response.status == .ok, "sign-in of \(username): \(response.status) \(String(buffer: response.body))")
        let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
        return Session(username: username, cookie: cookie, csrf: try #require(json["csrf"] as? String))
    }

    /// A GET with the session's cookie.
    func get(_ uri: String, as session: Session?) async throws -> Page {
        var headers: HTTPFields = [:]
        if let session { headers[.cookie] = session.cookie }
        let response = try await execute(uri: uri, method: .get, headers: headers)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// A form POST with the session's cookie and CSRF token.
    func post(_ uri: String, form: [String: String], as session: Session) async throws -> Page {
        var fields = form
        fields["csrf"] = session.csrf
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        let response = try await execute(uri: uri, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: body))
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}
