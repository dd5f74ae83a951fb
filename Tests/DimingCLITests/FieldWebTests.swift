import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// The field and public pages of #13 against a served demo registry: the plate's QR code decodes
/// to the name's public page, which answers without a session; names in procedure are not found;
/// the 101st submission from one address is refused; the whole journey in Chromium at phone and
/// desk size, ending in the next Amap delivery.
@Suite("Field, public and review pages", .serialized)
struct FieldWebTests {
    /// A served demo registry with two standard names on roads of 七级镇 (clerk2's town), their
    /// signs planned and ordered with QR codes under the server's address; 富民路's road then gets
    /// another standard name, so its plates show a name that is no longer current.
    struct Fixture {
        let server: WebServer
        let db: String
        let order: String
        var publicPage: String { server.base + "/n/379901-N-000001" }
    }

    static func fixture() throws -> Fixture {
        let server = try WebServer()
        let db = server.folder.path("web.sqlite"), order = server.folder.path("order")
        for arguments in [["names", "add", "柳园路", "--road", "379901-R-000008"], ["names", "add", "富民路", "--road", "379901-R-000007"],
                          ["signs", "settings", "--county", "379901", "--public-url", server.base, "--tolerance", "25"],
                          ["signs", "plan", "379901-R-000008"], ["signs", "plan", "379901-R-000007"],
                          ["signs", "order", "--road", "379901-R-000008", "--out", order], ["signs", "order", "--road", "379901-R-000007", "--out", order],
                          ["names", "add", "富强路", "--road", "379901-R-000007", "--force"],
                          ["names", "add", "兴旺路", "--county", "379901", "--status", "inProcedure"]] {
            let result = try CLI.run(arguments + ["--db", db])
            guard result.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(arguments): \(result.stdout)"]) }
        }
        return Fixture(server: server, db: db, order: order)
    }

    static let hasZbar = FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") && FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert")

    @Test("the QR code on a rendered face decodes to the public page, which answers 200 without a session; a name in procedure is 404",
          .enabled(if: FieldWebTests.hasZbar, "skipped: zbar-tools (zbarimg) or librsvg2-bin (rsvg-convert) is not installed"))
    func qrCode() throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let csv = try String(contentsOfFile: f.order + "/order-379901-R-000008.csv", encoding: .utf8)
            #expect(csv.contains("二维码网址") && csv.contains(f.publicPage))
            let png = f.order + "/face.png"
            #expect(try Tool.run("/usr/bin/rsvg-convert", ["-w", "1200", "-o", png, f.order + "/faces/379901-00001.svg"]).status == 0)
            let decoded = try Tool.run("/usr/bin/zbarimg", ["-q", "--raw", png])
            #expect(decoded.output.trimmingCharacters(in: .whitespacesAndNewlines) == f.publicPage)
            let anonymous = WebServer.Client(f.server)
            let page = try anonymous.request("GET", "/n/379901-N-000001")
            #expect(page.status == 200 && page.text.contains("柳园路") && page.text.contains("LIUYUAN LU"))
            #expect(!page.text.contains("申请人") && !page.text.contains("理由"))
            #expect(try anonymous.request("GET", "/n/379901-N-000004").status == 404, "a name in procedure has no public page")
            #expect(try anonymous.request("GET", "/n/379901-N-999999").status == 404)
            #expect(try anonymous.request("GET", "/field").status == 303, "the crew's pages need a sign-in")
            // The command line refuses a plate whose name is no longer the road's standard name, as the web does.
            let install = try CLI.run(["signs", "install", "379901-G-000018", "--db", f.db])
            #expect(install.status == 1)
            // The road page's preview follows the road's direction: 柳园路 runs north–south, so its plates are green.
            let reviewer = WebServer.Client(f.server)
            #expect(try reviewer.signIn("reviewer").status == 200)
            let preview = try reviewer.request("GET", "/signs/preview?name=" + "柳园路".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&road=379901-R-000008")
            #expect(preview.text.contains("#00703C") && !preview.text.contains("#1D4F9C"))
        }
    }

    @Test("the command line records an installation with a checked photo and the position; the crew's page shows the photo, served only to those who may see the sign")
    func installWithPhoto() throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let listed = try CLI.run(["signs", "list", "--road", "379901-R-000008", "--status", "ordered", "--json", "--db", f.db])
            let signs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let sign = try #require(signs.first)
            let id = try #require(sign["id"] as? String)
            let position = try #require(sign["position"] as? [String: Double])
            let notPhoto = try f.server.folder.write("note.txt", "not a photo")
            #expect(try CLI.run(["signs", "install", id, "--photo", notPhoto, "--db", f.db]).status == 1, "a file that is not a photo is refused")
            let photo = f.server.folder.path("plate.png")
            // A real 1×1 PNG.
            try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!
                .write(to: URL(fileURLWithPath: photo))
            let install = try CLI.run(["signs", "install", id, "--photo", photo, "--lon", String(position["lon"]! + 0.0001), "--lat", String(position["lat"]!),
                                       "--db", f.db])
            #expect(install.status == 0 && install.stdout.contains("m from the planned point"), "\(install.stdout)")
            let crew = WebServer.Client(f.server)
            #expect(try crew.signIn("admin").status == 200)
            let page = try crew.request("GET", "/field/signs/" + id).text
            let link = try #require(page.firstMatch(of: /<img class="field-photo" src="([^"]+)"/)?.1).replacingOccurrences(of: "&amp;", with: "&")
            let shown = try crew.request("GET", String(link))
            #expect(shown.status == 200 && shown.body.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            #expect(try crew.request("GET", "/field/signs/\(id)/photo?ref=0000").status == 404, "only a photo of the sign's own history")
            #expect(try WebServer.Client(f.server).request("GET", String(link)).status != 200, "not without a sign-in")
        }
    }

    @Test("the 101st submission within the window from one address is refused (429), and a forged receipt is a 404 in Chinese")
    func flood() throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let client = WebServer.Client(f.server)
            func multipart(_ fields: [(String, String)], photo: Data? = nil) -> Data { Self.multipart(fields, photo: photo) }
            func post(_ body: Data) throws -> WebServer.Reply {
                try client.raw("POST", "/n/379901-N-000001/add", body: body, type: Self.multipartType)
            }
            // A real challenge from the form, then: a file that is not a photo, a position that is not a number, a body over the limit.
            let form = try client.request("GET", "/n/379901-N-000001/add").text
            let token = try #require(form.firstMatch(of: /name="token" value="([^"]+)"/)?.1)
            let sum = try #require(form.firstMatch(of: /(\d+) 加 (\d+)/)).output
            let answer = String(Int(sum.1)! + Int(sum.2)!)
            let good: [(String, String)] = [("category", "快递点"), ("name", "测试点"), ("lon", "116.0003"), ("lat", "36.2102"), ("crs", "wgs84"),
                                            ("token", String(token)), ("answer", answer)]
            let notPhoto = try post(multipart(good, photo: Data("<html>not a photo</html>".utf8)))
            #expect(notPhoto.status == 400 && notPhoto.text.contains("不是 JPEG 或 PNG"), "\(notPhoto.status)")
            let nan = try post(multipart(good.map { $0.0 == "lon" ? ("lon", "NaN") : $0 }))
            #expect(nan.status == 400 && nan.text.contains("位置不是有效数字"))
            let large = try post(multipart(good, photo: Data(repeating: 0xFF, count: 9 * 1024 * 1024)))
            #expect(large.status == 413 && large.text.contains("上限"))
            #expect(try client.request("GET", "/receipts?number=379901-P-000001-AAAAAAAA").status == 404, "nothing was stored")
            // With the two refused attempts above, 98 more with a wrong answer fill the hour's 100; the 101st is refused.
            let wrong = multipart([("category", "快递点"), ("name", "测试点"), ("lon", "116.0"), ("lat", "36.25"), ("crs", "wgs84"), ("token", "1.2.3.x"), ("answer", "5")])
            var statuses: [Int] = []
            for _ in 0..<99 { statuses.append(try post(wrong).status) }
            #expect(statuses.prefix(98).allSatisfy { $0 == 400 }, "a wrong challenge is refused: \(Set(statuses))")
            #expect(statuses.last == 429)
            let forged = try client.request("GET", "/receipts/379901-P-000001-AAAAAAAA")
            #expect(forged.status == 404 && forged.text.contains("回执号不存在"))
            #expect(try client.request("GET", "/receipts?number=%3Cscript%3E").text.contains("&lt;script&gt;"))
        }
    }

    static let boundary = "diming-test-boundary"
    static let multipartType = "multipart/form-data; boundary=\(boundary)"

    /// A `multipart/form-data` body of `fields`, with a photo when given.
    static func multipart(_ fields: [(String, String)], photo: Data? = nil) -> Data {
        var body = Data()
        for (name, value) in fields { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8) }
        if let photo {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"shop.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8) + photo + Data("\r\n".utf8)
        }
        return body + Data("--\(boundary)--\r\n".utf8)
    }

    /// A villager's new place near 柳园路 with the form's real challenge; the receipt's page it leads to.
    static func submitPlace(_ client: WebServer.Client, name: String) throws -> WebServer.Reply {
        let form = try client.request("GET", "/n/379901-N-000001/add").text
        let token = try #require(form.firstMatch(of: /name="token" value="([^"]+)"/)?.1)
        let sum = try #require(form.firstMatch(of: /(\d+) 加 (\d+)/)).output
        let fields = [("category", "快递点"), ("name", name), ("lon", "116.0003"), ("lat", "36.2102"), ("crs", "wgs84"), ("token", String(token)),
                      ("answer", String(Int(sum.1)! + Int(sum.2)!))]
        return try client.raw("POST", "/n/379901-N-000001/add", body: multipart(fields), type: multipartType)
    }

    @Test("the public pages answer in Chinese: a name not announced is the public's own 404; a receipt number with spaces is found; a name over 40 characters is refused with the limit; an empty rejection reason is asked for in Chinese")
    func publicAnswers() throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let villager = WebServer.Client(f.server)
            for path in ["/n/379901-N-000004", "/n/379901-N-999999", "/n/abc", "/n/379901-N-000004/add"] {
                let reply = try villager.request("GET", path)
                #expect(reply.status == 404 && reply.text.contains("该地名尚未公布或不存在"), "\(path): \(reply.status)")
                #expect(!reply.text.contains("回到待办") && !reply.text.contains("registry") && !reply.text.contains("379901-N-000004"), "\(path)")
            }
            // 300 characters: refused with the limit, nothing stored (the receipt 000001 does not exist).
            let long = try Self.submitPlace(villager, name: String(repeating: "长", count: 300))
            #expect(long.status == 400 && long.text.contains("最多 40 个字（现为 300 个字）"), "\(long.status)")
            #expect(long.text.contains("maxlength=\"40\""))
            let stored = try Self.submitPlace(villager, name: "柳园村快递服务站")
            let number = try #require(stored.text.firstMatch(of: /id="receipt-number">([^<]+)</)?.1)
            #expect(number.hasPrefix("379901-P-000001-"))
            // Copied from a chat: spaces around it (a GET form sends them as "+"), lower case.
            let spaced = try villager.request("GET", "/receipts?number=+%20" + number.lowercased() + "%E3%80%80+")
            #expect(spaced.status == 200 && spaced.text.contains("审核中"), "\(spaced.status)")
            // The reviewer: the reason box is required (通过 skips the check); an empty reason is asked for in Chinese.
            let reviewer = WebServer.Client(f.server)
            #expect(try reviewer.signIn("reviewer").status == 200)
            let queue = try reviewer.request("GET", "/pois").text
            #expect(queue.contains("id=\"reason-379901-P-000001\" required") && queue.contains("formnovalidate"))
            let body = Data("decision=reject&reason=%20&csrf=\(reviewer.csrf ?? "")".utf8)
            let refused = try reviewer.raw("POST", "/pois/379901-P-000001/review", body: body, type: "application/x-www-form-urlencoded")
            #expect(refused.text.contains("请填写不通过的理由") && !refused.text.contains("--reason") && refused.text.contains("review-379901-P-000001"))
        }
    }

    @Test("the crew's report: beyond the tolerance without a note is refused in Chinese and nothing is saved, with one it is saved with the note; an outdated plate shows the current name and offers only voiding it")
    func crewReports() throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let crew = WebServer.Client(f.server)
            #expect(try crew.signIn("clerk2").status == 200)
            let page = try crew.request("GET", "/field/signs/379901-G-000002").text
            let point = try #require(page.firstMatch(of: /data-planned="([0-9.]+),([0-9.]+)"/)).output
            let (lon, lat) = (Double(point.1)!, Double(point.2)!)
            func report(_ sign: String, _ fields: [(String, String)]) throws -> WebServer.Reply {
                try crew.raw("POST", "/field/signs/\(sign)/report", body: Self.multipart([("csrf", crew.csrf ?? "")] + fields), type: Self.multipartType)
            }
            let far = [("status", "installed"), ("lon", String(lon)), ("lat", String(lat + 0.025))]
            let refused = try report("379901-G-000002", far + [("notes", " ")])
            #expect(refused.status == 400 && refused.text.contains("请在备注中写明原因") && refused.text.contains("允许偏差（25 米）"), "\(refused.status)")
            #expect(refused.text.contains("id=\"sign-status\">已订制"), "nothing saved")
            let saved = try report("379901-G-000002", far + [("notes", "路口施工，装在村口")])
            #expect(saved.status == 200 && saved.text.contains("id=\"sign-status\">已安装") && saved.text.contains("路口施工，装在村口"))
            // 富民路's plate: the road's current name is shown; installing is refused; the plate is voided with a note saying why.
            let old = try crew.request("GET", "/field/signs/379901-G-000018").text
            #expect(old.contains("富强路") && old.contains("id=\"do-removed\"") && !old.contains("id=\"do-installed\""))
            let install = try report("379901-G-000018", [("status", "installed")])
            #expect(install.status == 409 && install.text.contains("现行标准地名"))
            let voided = try report("379901-G-000018", [("status", "removed")])
            #expect(voided.status == 200 && voided.text.contains("此牌已作废") && voided.text.contains("需按现行名称更换牌面"))
            #expect(try report("379901-G-000002", [("status", "removed")]).status == 400, "a plate with the current name is not voided from the field")
        }
    }

    @Test("browser: the crew installs with photo and position, a former name is refused, a villager adds a 快递点 from the QR address, a reviewer accepts it, the Amap delivery carries it",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && WebServerTests.hasSelenium,
                   "skipped: chromium-driver and the PyPI package selenium are not installed"),
          arguments: ["phone", "desk"])
    func journey(size: String) throws {
        let f = try Self.fixture()
        try withExtendedLifetime(f.server) {
            let artifacts = SharedData.packageRoot.appendingPathComponent(".build/test-artifacts/browser").path
            try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
            let run = try Tool.python([SharedData.packageRoot.appendingPathComponent("Tests/Browser/field_test.py").path, f.server.base, f.publicPage,
                                       "379901-G-000001", "379901-G-000018", "-", artifacts, size], mergeErrors: true)
            #expect(run.status == 0, "\(run.output)")
            guard run.status == 0 else { return }
            let exports = f.server.folder.path("exports")
            let export = try CLI.run(["export", "--profile", "amap", "--out", exports, "--db", f.db])
            #expect(export.status == 0, "\(export.stdout)")
            let csv = try FileManager.default.subpathsOfDirectory(atPath: exports).filter { $0.hasSuffix(".csv") }
                .map { try String(contentsOfFile: exports + "/" + $0, encoding: .utf8) }.joined()
            #expect(csv.contains("柳园村快递服务站"), "the accepted place is in the Amap delivery")
        }
    }
}

extension WebServer.Client {
    /// A request with a raw body of `type` (a multipart form), with the session's cookie.
    func raw(_ method: String, _ path: String, body: Data, type: String) throws -> WebServer.Reply {
        var request = URLRequest(url: URL(string: server.base + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue(type, forHTTPHeaderField: "Content-Type")
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let semaphore = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var reply = WebServer.Reply(status: 0, body: Data()) }
        let box = Box()
        URLSession(configuration: .ephemeral).dataTask(with: request) { data, response, _ in
            box.reply = WebServer.Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data ?? Data())
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return box.reply
    }
}
