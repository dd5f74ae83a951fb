import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Names from the registry are text on every page, never markup")
struct EscapingTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"
    static let escaped = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"]

    /// The ids of what the pages show.
    struct Hostile: Sendable {
        var road: FeatureID
        var namingCase: FeatureID
        var batch: FeatureID
        /// An unnamed road of the town without a case: its page has the live name check.
        var proposable: FeatureID
    }

    /// A town renamed `<script>…`, a village on one of its unnamed roads renamed `<img …>` (the survey
    /// then writes it into the roads' ends and villages), a case on that road with an `<img …>`
    /// applicant and a `<script>…` name (as a record made before the naming rules could refuse it),
    /// a batch titled `<script>…`, and a collected POI named `<script>…`.
    func hostileRegistry(_ f: ServerFixture) throws -> Hostile {
        let town = try f.town(of: "clerk")
        let first = try #require(try f.unnamedRoads(in: town).first { !$0.villages.isEmpty })
        let villageCode = try #require(DivisionCode(first.villages[0].code))
        try f.registry.write { db in
            var renamedTown = try #require(try db.divisions.find(code: town))
            renamedTown.name = Self.script
            var village = try #require(try db.divisions.find(code: villageCode))
            village.name = Self.image + "村委会"
            try db.divisions.upsert([renamedTown, village], source: "test", at: Date())
            try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .divisionsImported, entityKind: "division", entityID: town.rawValue))
        }
        _ = try SurveyRun(registry: f.registry, actor: ServerFixture.setup).run(county: nil)
        let road = try #require(try f.unnamedRoads(in: town).first { $0.villages.contains { $0.code == villageCode.rawValue } })
        #expect(road.villages.contains { $0.name.contains(Self.image) })

        var namingCase = try f.caseInNotice(road: road.id, applicant: Self.image)
        namingCase.proposedName = Self.script + "路"
        try f.registry.write { db in
            try db.cases.save(namingCase, at: Date())
            try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .caseAmended, entityKind: "case", entityID: namingCase.id.description))
        }
        let batch = try f.batches.create(county: ServerFixture.county, title: Self.script)
        _ = try f.batches.add(batch.id, cases: [namingCase.id])

        let category = try #require(try POICategories.load(geoData: ServerFixture.geoData).all.first).key
        try f.registry.write { db in
            let id = try db.ids.mint(kind: .poi, county: ServerFixture.county.countyPart)[0]
            let point = road.geometry.points[0]
            try db.pois.save(CollectedPOI(poi: PointOfInterest(id: id, name: Self.script, category: category, location: point),
                                          countyCode: ServerFixture.county, source: Self.image, sourceRef: "1"), at: Date())
            try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .poisImported, entityKind: "poi", entityID: id.description))
        }
        let proposable = try #require(try f.unnamedRoads(in: town).first { $0.id != road.id }).id
        return Hostile(road: road.id, namingCase: namingCase.id, batch: batch.id, proposable: proposable)
    }

    @Test("a town, village, case, batch and POI named <script>…/<img …> appear escaped on every page a reviewer or clerk opens")
    func everyPage() async throws {
        let f = try ServerFixture()
        let hostile = try hostileRegistry(f)
        // Each page and what it must show of the hostile names (escaped).
        let pages: [(String, [String])] = [
            ("/", [Self.escaped[0]]),  // the town in the table and in the chart
            ("/map", [Self.escaped[0]]),  // the town in the filter; villages come as data (below)
            ("/backlog", [Self.escaped[1]]),  // the roads' ends
            ("/cases", [Self.escaped[0]]),
            ("/batches", [Self.escaped[0]]),
            ("/roads/\(hostile.road)", [Self.escaped[1]]),
            ("/cases/\(hostile.namingCase)", Self.escaped),  // name and applicant
            ("/batches/\(hostile.batch)", [Self.escaped[0]]),
            ("/batches/\(hostile.batch)/documents/notice", Self.escaped),
            ("/pois", Self.escaped),  // name and source
            ("/signs/preview?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", [Self.escaped[0]]),
        ]
        try await f.test { client in
            for username in ["reviewer", "clerk"] {
                let session = try await client.signIn(username)
                for (uri, expected) in pages where !(username == "clerk" && uri == "/pois") {
                    let page = try await client.get(uri, as: session)
                    #expect(page.status == .ok, "\(username) \(uri): \(page.status)")
                    #expect(!page.text.contains(Self.script), "\(username) \(uri) holds a raw <script>")
                    #expect(!page.text.contains(Self.image), "\(username) \(uri) holds a raw <img>")
                    #expect(!page.text.contains("<script>alert"), "\(username) \(uri)")
                    for text in expected { #expect(page.text.contains(text), "\(username) \(uri) does not show \(text)") }
                }
            }
            // The map's labels arrive as JSON data, and the map script sets them as text, never as HTML.
            let features = try await client.get("/api/map/features?bbox=-180,-90,180,90", as: try await client.signIn("reviewer"))
            #expect(features.status == .ok && features.text.contains("onerror=alert(1)"))
            let script = try await client.get("/assets/map.js", as: nil).text
            #expect(script.contains("textContent") && !script.contains("innerHTML") && !script.contains("bindTooltip(p.label"))
            // The road page's live check writes the typed name and the findings as text, never as HTML.
            let clerk = try await client.signIn("clerk")
            let road = try await client.get("/roads/\(hostile.proposable)", as: clerk)
            #expect(road.text.contains("id=\"check\"") && road.text.contains("textContent"))
            #expect(!road.text.contains("innerHTML"))
            // And the check itself answers JSON, which the script places with textContent.
            let check = try await client.get("/api/names/check?road=\(hostile.road)&name=%3Cscript%3E%E8%B7%AF", as: clerk)
            #expect(check.status == .ok && check.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test("the only raw insertion left in the templates is the layout's content")
    func templatesHaveOneRawInsertion() throws {
        let source = try String(contentsOfFile: SharedData.packageRoot.appendingPathComponent("Sources/DimingServer/Templates.swift").path, encoding: .utf8)
        let code = source.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") }.joined(separator: "\n")
        #expect(code.components(separatedBy: "{{{").count - 1 == 1)
        #expect(code.contains("<main>{{{content}}}</main>"))
        #expect(!code.contains("innerHTML"))
        #expect(!code.contains("{{&"))
    }
}
