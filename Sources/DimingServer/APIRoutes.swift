import DimingCore
import DimingKit
import Foundation
import Hummingbird
import Naming

/// One JSON endpoint: method, path, what it does, whether it needs a session. The same table
/// registers the routes and writes `/openapi.json`, so the document and the routes agree.
struct APIRoute: Sendable {
    var method: HTTPRequest.Method
    /// Hummingbird syntax: `/api/roads/:id`.
    var path: String
    var summary: String
    var signedIn: Bool
    var handler: @Sendable (Request, AppContext) async throws -> Response
}

enum JSONResponse {
    /// Already encoded JSON (a kept answer).
    static func make(json: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: json)))
    }

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(data: try JSON.encoder().encode(value))))
    }
}

/// Request bodies.
struct SignInBody: Decodable { var username: String; var password: String }
struct CaseBody: Decodable { var road: String; var name: String; var applicant: String; var reasons: String?; var meaning: String?; var origin: String? }
struct AdvanceBody: Decodable {
    var to: String
    var reason: String?
    var channel: String?
    var consultationScope: String?
    var experts: String?
    var conclusion: String?
    var authority: String?
    var document: String?
    var date: String?
    /// 综合评估: the conclusion and the report's reference.
    var assessment: String? = nil
    var assessmentReport: String? = nil
}

extension StepEvidence {
    /// The evidence of an advance request (JSON or form); an assessment is dated `today`.
    init(_ body: AdvanceBody, today: Date) throws {
        self.init(noticeChannel: body.channel, reason: body.reason, document: body.document)
        if let conclusion = body.assessment, !conclusion.isEmpty {
            assessment = Assessment(conclusion: conclusion, report: body.assessmentReport.flatMap { $0.isEmpty ? nil : $0 }, date: today)
        }
        if let scope = body.consultationScope, !scope.isEmpty { consultation = Consultation(scope: scope, opinions: []) }
        if let experts = body.experts, let conclusion = body.conclusion, !experts.isEmpty {
            expertReview = ExpertReview(experts: experts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, conclusion: conclusion)
        }
        if let authority = body.authority, let document = body.document, let text = body.date, !authority.isEmpty {
            guard let date = DeadlineRules.day(text) else { throw InputError(field: "date", "expected yyyy-MM-dd, not \(text)", zh: "日期应写作 年-月-日，如 2026-12-09，而不是 \(text)") }
            approval = Approval(authority: authority, documentNumber: document, date: date)
        }
    }
}

/// A reading confirmed while proposing a name (确认多音字读音).
struct ReadingBody: Decodable {
    var name: String
    var character: String
    var pinyin: String
    var road: String
}

enum APIRoutes {
    /// A JSON request body; anything else is bad input.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let text = try await request.text()
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw InputError(field: "body", "expected a JSON \(T.self): \(error)")
        }
    }

    static func all(_ services: ServerServices) -> [APIRoute] {
        @Sendable func id(_ context: AppContext, _ kind: FeatureKind) throws -> FeatureID {
            guard let text = context.parameters.get("id"), let id = FeatureID(text), id.kind == kind else {
                throw APIError(status: .badRequest, code: "BAD_INPUT", message: "not a \(kind) id: \(context.parameters.get("id") ?? "")")
            }
            return id
        }
        @Sendable func query(_ request: Request, _ name: String) -> String? {
            request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
        }
        @Sendable func code(_ request: Request, _ name: String) throws -> DivisionCode? {
            guard let text = query(request, name) else { return nil }
            guard let code = DivisionCode(text) else { throw InputError(field: name, "not a division code: \(text)") }
            return code
        }
        /// An optional id in the query: absent means no filter; malformed is an error, never "no filter".
        @Sendable func id(_ request: Request, _ name: String, _ kind: FeatureKind) throws -> FeatureID? {
            guard let text = query(request, name) else { return nil }
            guard let id = FeatureID(text), id.kind == kind else { throw InputError(field: name, "not a \(kind) id: \(text)") }
            return id
        }
        return [
            APIRoute(method: .post, path: "/api/session", summary: "Sign in; sets the session cookie and returns the CSRF token", signedIn: false) { request, context in
                let body = try await decode(SignInBody.self, request)
                guard let session = try await services.signIn(body.username, password: body.password, address: context.remoteAddress) else {
                    throw APIError(status: .unauthorized, code: "BAD_CREDENTIALS", message: "用户名或密码错误 (wrong username or password)")
                }
                var response = try JSONResponse.make(["username": session.user.username, "role": session.user.role.rawValue, "csrf": session.csrf])
                response.setCookie(services.sessionCookie(session.token))
                return response
            },
            APIRoute(method: .delete, path: "/api/session", summary: "Sign out", signedIn: true) { request, context in
                try context.checkCSRF(request)
                if let token = context.sessionToken { try await services.signOut(token) }
                var response = try JSONResponse.make(["signedOut": true])
                response.setCookie(services.sessionCookie(nil))
                return response
            },
            APIRoute(method: .get, path: "/api/me", summary: "The signed-in user", signedIn: true) { _, context in
                try JSONResponse.make(try context.requireUser())
            },
            APIRoute(method: .get, path: "/api/divisions/:code", summary: "A division with its parents and child count", signedIn: true) { _, context in
                guard let text = context.parameters.get("code"), let code = DivisionCode(text) else { throw InputError(field: "code", "not a division code") }
                return try JSONResponse.make(try await blocking { try DivisionQueries(registry: services.registry).show(code) })
            },
            APIRoute(method: .get, path: "/api/roads", summary: "Surveyed roads (unnamed=1 for the backlog; town, county)", signedIn: true) { request, context in
                let user = try context.requireUser()
                let filter = RoadFilter(county: try code(request, "county"), town: try code(request, "town"), unnamedOnly: query(request, "unnamed") == "1")
                return try JSONResponse.make(try await blocking { try services.roads(user).list(filter) })
            },
            APIRoute(method: .get, path: "/api/roads/:id", summary: "One road: ends, villages, segments, geometry", signedIn: true) { _, context in
                let road = try id(context, .road)
                let user = try context.requireUser()
                // Kept per scope: a hit is an answer the same role, county and town was allowed to read.
                let json = try await services.cached("api-road|\(user.scopeKey)|\(road)") { try JSON.encoder().encode(services.roads(user).show(road)) }
                return JSONResponse.make(json: json)
            },
            APIRoute(method: .get, path: "/api/map/features", summary: "The map's layers in a box (bbox=w,s,e,n; town=, status=unnamed,inProcedure,standard,named) as GeoJSON",
                     signedIn: true) { request, context in
                let user = try context.requireUser()
                guard let text = query(request, "bbox") else { throw InputError(field: "bbox", "give bbox=west,south,east,north") }
                let parts = text.split(separator: ",").compactMap { Double($0) }
                guard parts.count == 4, parts[0] < parts[2], parts[1] < parts[3], parts.allSatisfy(\.isFinite) else {
                    throw InputError(field: "bbox", "expected west,south,east,north in degrees, not \(text)")
                }
                let box = BoundingBox(minLon: parts[0], minLat: parts[1], maxLon: parts[2], maxLat: parts[3])
                let town = try code(request, "town")
                let statuses: Set<MapLayersReport.RoadStatus>? = try request.uri.queryParameters.get("status").map { list in
                    Set(try list.split(separator: ",").map { item in
                        guard let status = MapLayersReport.RoadStatus(rawValue: String(item)) else { throw InputError(field: "status", "unknown road status \(item)") }
                        return status
                    })
                }
                let key = "map|\(user.scopeKey)|\(text)|\(town?.rawValue ?? "-")|\(statuses.map { $0.map(\.rawValue).sorted().joined(separator: ",") } ?? "all")"
                let json = try await services.cached(key) {
                    try JSON.encoder().encode(MapLayersReport.load(services.registry, actor: user, box: box, town: town, statuses: statuses))
                }
                return JSONResponse.make(json: json)
            },
            APIRoute(method: .get, path: "/api/backlog", summary: "Roads and unnamed roads per town", signedIn: true) { request, context in
                let user = try context.requireUser()
                let county = try code(request, "county")
                return try JSONResponse.make(try await blocking { try services.roads(user).backlog(county: county) })
            },
            APIRoute(method: .get, path: "/api/names/romanize", summary: "Parts and pinyin of a name (name=)", signedIn: true) { request, context in
                guard let name = query(request, "name") else { throw InputError(field: "name", "give name=") }
                let desk = services.desk(try context.requireUser())
                return try JSONResponse.make(try await blocking { try desk.romanize([name])[0] })
            },
            APIRoute(method: .get, path: "/api/names/check", summary: "Every naming rule for a proposed name (name=, road= or county=, town=)", signedIn: true) { request, context in
                guard let name = query(request, "name") else { throw InputError(field: "name", "give name=") }
                let road = try id(request, "road", .road)
                let site = NameSite(county: try code(request, "county"), town: try code(request, "town"), road: road)
                let user = try context.requireUser()
                let key = "check|" + [site.county?.rawValue, site.town?.rawValue, site.road?.description, site.width.map { "\($0)" }, "\(site.scope)"]
                    .map { $0 ?? "-" }.joined(separator: "|")
                // The answer for a name at a site is kept per scope (clerks check the same names again and
                // again; a kept answer was allowed to that scope), the site's session across scopes.
                return JSONResponse.make(json: try await services.cached(key + "|" + user.scopeKey + "|" + name) {
                    let desk = services.desk(user)
                    let session = try services.reads.value(key) { try desk.session(at: site) }
                    try desk.authorize(session)
                    return try JSON.encoder().encode(session.check(name))
                })
            },
            APIRoute(method: .get, path: "/api/names/readings", summary: "The readings of each polyphonic character of a name (name=)", signedIn: true) { request, _ in
                guard let name = query(request, "name") else { throw InputError(field: "name", "give name=") }
                let dictionary = services.resources.romanizer.dictionary
                var readings: [String: [String]] = [:]
                for character in name where dictionary.isPolyphonic(character) { readings[String(character)] = dictionary.characters[character] ?? [] }
                return try JSONResponse.make(readings)
            },
            APIRoute(method: .post, path: "/api/names/readings", summary: "Confirm the reading of a character in a name proposed for a road (name, character, pinyin, road)",
                     signedIn: true) { request, context in
                let user = try context.requireUser()
                try context.checkCSRF(request)
                let body = try await decode(ReadingBody.self, request)
                guard let road = FeatureID(body.road), road.kind == .road else { throw InputError(field: "road", "not a road id: \(body.road)") }
                let desk = services.desk(user)
                let changed = try await blocking { () throws -> Int in
                    let town = try services.roads(user).show(road).townCode.flatMap(DivisionCode.init)
                    return try desk.confirmReading(body.character, pinyin: body.pinyin, name: body.name, place: town).count
                }
                return try JSONResponse.make(["confirmed": body.character + " " + body.pinyin, "renamed": "\(changed)"])
            },
            APIRoute(method: .get, path: "/api/names/suggest", summary: "Ranked names for a road (road=)", signedIn: true) { request, context in
                guard let road = try id(request, "road", .road) else { throw InputError(field: "road", "give road=") }
                let desk = services.desk(try context.requireUser())
                return try JSONResponse.make(try await blocking { try desk.suggest(road: road) })
            },
            APIRoute(method: .get, path: "/api/names/search", summary: "Search names by characters, pinyin or initials (q=)", signedIn: true) { request, context in
                let user = try context.requireUser()
                guard let q = query(request, "q") else { throw InputError(field: "q", "give q=") }
                return try JSONResponse.make(try await blocking { try NameSearch(registry: services.registry, actor: user).search(q) })
            },
            APIRoute(method: .get, path: "/api/cases", summary: "Naming cases (state=, town=); a clerk sees their own town's", signedIn: true) { request, context in
                let user = try context.requireUser()
                let state = query(request, "state").flatMap(CaseState.init(rawValue:))
                let town = try code(request, "town")
                return try JSONResponse.make(try await blocking { try services.caseQueries(user).list(state: state, town: town) })
            },
            APIRoute(method: .post, path: "/api/cases", summary: "Open a naming case for a road", signedIn: true) { request, context in
                let user = try context.requireUser()
                try context.checkCSRF(request)
                let body = try await decode(CaseBody.self, request)
                guard let road = FeatureID(body.road), road.kind == .road else { throw InputError(field: "road", "not a road id: \(body.road)") }
                let application = CaseApplication(road: road, name: body.name, applicant: body.applicant, reasons: body.reasons ?? "",
                                                  meaning: body.meaning ?? "", origin: body.origin ?? "")
                let created = try await blocking { try services.cases(user).create(application) }
                return try JSONResponse.make(created, status: .created)
            },
            APIRoute(method: .get, path: "/api/cases/:id", summary: "A case with its evidence, timeline and next steps", signedIn: true) { _, context in
                let queries = services.caseQueries(try context.requireUser()), caseID = try id(context, .namingCase)
                return try JSONResponse.make(try await blocking { try queries.show(caseID) })
            },
            APIRoute(method: .post, path: "/api/cases/:id/advance", summary: "Move a case to its next state with the step's evidence", signedIn: true) { request, context in
                let user = try context.requireUser()
                try context.checkCSRF(request)
                let caseID = try id(context, .namingCase)
                let body = try await decode(AdvanceBody.self, request)
                guard let target = CaseState(rawValue: body.to) else { throw InputError(field: "to", "unknown state \(body.to)") }
                let evidence = try StepEvidence(body, today: services.clock.now())
                return try JSONResponse.make(try await blocking { try services.cases(user).advance(caseID, to: target, evidence: evidence) })
            },
            APIRoute(method: .get, path: "/api/signs", summary: "Signs (road=)", signedIn: true) { request, context in
                let signs = SignService(registry: services.registry, actor: try context.requireUser()), road = try id(request, "road", .road)
                return try JSONResponse.make(try await blocking { try signs.list(road: road) })
            },
            APIRoute(method: .get, path: "/api/pois/review", summary: "The POI review queue", signedIn: true) { _, context in
                let review = POIReview(registry: services.registry, actor: try context.requireUser())
                return try JSONResponse.make(try await blocking { try review.pending() })
            },
            APIRoute(method: .get, path: "/api/deliveries", summary: "Deliveries to map providers", signedIn: true) { _, context in
                let user = try context.requireUser()
                return try JSONResponse.make(try await blocking { try DeliveryExport.list(services.registry, actor: user) })
            },
        ]
    }
}
