import DimingCore
import DimingKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Messages on pages, signing in again, error pages")
struct MessagesAndSessionTests {
    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    @Test("a refused step's message reaches its page, also one whose address has a query; a message in somebody else's link is never shown")
    func sealedMessages() async throws {
        let f = try ServerFixture()
        let town = try f.town(of: "clerk")
        let road = try #require(try f.unnamedRoads(in: town).first).id
        let noticed = try f.caseInNotice(road: road)
        try await f.test { client in
            let admin = try await client.signIn("admin")
            // A change set with no earlier delivery is refused: back to /data?county=… with the reason.
            let refused = try await client.post("/data/deliveries", form: ["county": "379901", "profile": "amap", "since": "last"], as: admin)
            let location = try #require(refused.headers[.location])
            #expect(refused.status == .seeOther && location.hasPrefix("/data?county=379901&message=") && !location.contains("??"), "\(location)")
            let page = try await client.get(location, as: admin)
            #expect(page.text.contains("本县此前没有向高德地图交付过"), "\(page.text.prefix(400))")
            // A full delivery says what it holds.
            let made = try await client.post("/data/deliveries", form: ["county": "379901", "profile": "amap", "since": "everything"], as: admin)
            let notice = try await client.get(try #require(made.headers[.location]), as: admin)
            #expect(notice.text.contains("道路 0 条") && notice.text.contains("只有经审批案卷批准的道路标准地名才会交付"))

            // Text in a link of somebody else's making, with no seal or a forged one, is not shown.
            let reviewer = try await client.signIn("reviewer")
            let spoof = "系统升级，请将登录密码发送至 13800000000 核验"
            for query in ["?message=\(Self.encoded(spoof))", "?message=\(Self.encoded(spoof))&message_seal=00ff",
                          "?message=\(Self.encoded(spoof))&message_seal=" + String(repeating: "ab", count: 32)] {
                let shown = try await client.get("/cases/\(noticed.id)\(query)", as: reviewer)
                #expect(shown.status == .ok && !shown.text.contains("13800000000"), "\(query)")
            }
            // A sealed message cannot be moved to another parameter: a notice's seal does not make a message.
            let sealedNotice = try #require(made.headers[.location])
            let moved = sealedNotice.replacingOccurrences(of: "notice=", with: "message=").replacingOccurrences(of: "notice_seal=", with: "message_seal=")
            #expect(!(try await client.get(moved, as: admin).text.contains("id=\"message\"")))
        }
    }

    @Test("signed out: sent to sign in and back to the page; an expired session is told so; only this site's pages are gone back to")
    func signInAgain() async throws {
        let f = try ServerFixture()
        let town = try f.town(of: "clerk")
        let road = try #require(try f.unnamedRoads(in: town).first).id
        try await f.test { client in
            let asked = "/roads/\(road)?tab=map"
            let out = try await client.get(asked, as: nil)
            #expect(out.headers[.location] == "/login?next=" + Self.encoded(asked))
            let expired = try await client.execute(uri: asked, method: .get, headers: [.cookie: "diming_session=gone"])
            let location = try #require(expired.headers[.location])
            #expect(location.hasPrefix("/login?expired=1&next="), "\(location)")
            let login = try await client.get(location, as: nil)
            #expect(login.text.contains("登录已过期，请重新登录") && login.text.contains("name=\"next\" value=\"\(asked)\""))
            // A POST whose session is gone goes back to the form's page (its Referer).
            let post = try await client.execute(uri: "/roads/\(road)/propose", method: .post,
                                                headers: [.cookie: "diming_session=gone", .referer: "http://127.0.0.1:8080/roads/\(road)",
                                                          .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "csrf=x"))
            #expect(post.headers[.location] == "/login?expired=1&next=" + Self.encoded("/roads/\(road)"), "\(post.headers[.location] ?? "")")

            func signIn(next: String) async throws -> String? {
                let body = "username=clerk&password=\(Self.encoded(DemoRegistry.password))&next=\(Self.encoded(next))"
                return try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body)).headers[.location]
            }
            #expect(try await signIn(next: asked) == asked)
            for elsewhere in ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/login?next=/x", "javascript:alert(1)"] {
                #expect(try await signIn(next: elsewhere) == "/", "\(elsewhere)")
            }
        }
    }

    @Test("an error page keeps the signed-in user's navigation and sign-out, and says in Chinese what was not found and which field was wrong")
    func errorPages() async throws {
        let f = try ServerFixture()
        let town = try f.town(of: "clerk")
        let townName = try DivisionQueries(registry: f.registry).show(town).name
        let noticed = try f.caseInNotice(road: try #require(try f.unnamedRoads(in: town).first).id)
        try await f.test { client in
            // Another town's clerk is refused, with the town called by its name.
            let other = try await client.get("/cases/\(noticed.id)", as: try await client.signIn("clerk2"))
            #expect(other.status == .forbidden && other.text.contains("\(townName)（\(town.rawValue)）"), "\(other.text.suffix(500))")
            let clerk = try await client.signIn("clerk")
            let missing = try await client.get("/cases/379901-C-999999", as: clerk)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("登记簿中没有案卷 379901-C-999999") && !missing.text.contains("in the registry"))
            #expect(missing.text.contains("action=\"/logout\"") && missing.text.contains("退出"))
            #expect(try await client.get("/favicon.ico", as: nil).status == .noContent)
            let bad = try await client.get("/roads/garbage", as: clerk)
            #expect(bad.status == .badRequest && bad.text.contains("“编号”：不是道路编号"), "\(bad.text.suffix(600))")
        }
    }
}
