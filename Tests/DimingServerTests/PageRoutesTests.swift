import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Page routes answer pages")
struct PageRoutesTests {
    @Test("every page route, as every role and signed out, answers an HTML page in Chinese (never JSON), under 300 KB")
    func everyRoute() async throws {
        let f = try ServerFixture()
        let town = try f.town(of: "clerk")
        let road = try #require(try f.unnamedRoads(in: town).first).id
        let namingCase = try f.caseInNotice(road: road)
        let batch = try f.batches.create(county: ServerFixture.county, title: "第一批")
        let routes = ["/", "/map", "/backlog", "/backlog?page=2&q=cun&min=100", "/cases", "/cases?state=publicNotice&q=lu", "/batches",
                      "/batches/\(batch.id)", "/batches/\(batch.id)/documents/notice", "/roads/\(road)", "/cases/\(namingCase.id)", "/pois",
                      "/signs/preview?name=%E5%B9%B8%E7%A6%8F%E8%B7%AF", "/no-such-page", "/roads/xyz", "/cases/379901-C-999999", "/login",
                      "/admin/users", "/admin/users/clerk", "/admin/users/nobody", "/admin/settings", "/admin/audit", "/admin/audit?actor=clerk&from=2026-01-01&kind=case",
                      "/admin/audit?from=bad", "/data", "/field", "/receipts"]
        try await f.test { client in
            for username in ["clerk", "reviewer", "admin", nil] as [String?] {
                var session: Session?
                if let username { session = try await client.signIn(username) }
                for route in routes {
                    let page = try await client.get(route, as: session)
                    let who = username ?? "signed out"
                    if session == nil && !["/login", "/no-such-page", "/receipts"].contains(route) {
                        #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/login") == true, "\(who) \(route): \(page.status)")
                        #expect(route == "/" || page.headers[.location]?.contains("next=") == true, "\(who) \(route): back to the page after signing in")
                        continue
                    }
                    let type = page.headers[.contentType] ?? ""
                    #expect(type.hasPrefix("text/html") || type.hasPrefix("image/svg+xml"), "\(who) \(route): \(type)")
                    #expect(!page.text.hasPrefix("{") && !page.text.hasPrefix("["), "\(who) \(route) answered JSON: \(page.text.prefix(80))")
                    #expect(page.status != .internalServerError, "\(who) \(route)")
                    #expect(page.text.utf8.count < 300_000, "\(who) \(route) weighs \(page.text.utf8.count) bytes")
                    if type.hasPrefix("text/html") { #expect(page.text.contains("lang=\"zh-CN\""), "\(who) \(route)") }
                }
            }
        }
    }

    @Test("导出Excel of signs and POIs: an XLSX for those who may see them, refused for a clerk on POIs")
    func exports() async throws {
        let f = try ServerFixture()
        try await f.test { client in
            let reviewer = try await client.signIn("reviewer")
            for route in ["/signs.xlsx", "/signs.xlsx?status=planned", "/pois.xlsx", "/pois.xlsx?status=pending", "/backlog.xlsx", "/cases.xlsx"] {
                let file = try await client.get(route, as: reviewer)
                #expect(file.status == .ok, "\(route): \(file.status)")
                #expect(file.headers[.contentType]?.contains("spreadsheetml") == true && file.text.hasPrefix("PK"), "\(route)")
            }
            let clerk = try await client.signIn("clerk")
            #expect(try await client.get("/pois.xlsx", as: clerk).status == .forbidden)
        }
    }
}
