import Foundation
import TestSupport
import Testing

@Suite("The procedure from the command line")
struct ProcedureCLITests {
    @Test("cases and a batch from draft to standard; due, show, history and documents")
    func flow() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite"), "--actor", "admin"] // the demo's administrator account
            #expect(try CLI.run(["demo"] + db).status == 0)
            let roads = try #require(try CLI.json(CLI.run(["roads", "list", "--unnamed", "--json"] + db)) as? [[String: Any]])
            let day = ["DIMING_TODAY": "2026-03-02"]
            var ids: [String] = []
            for (road, name) in zip(roads.prefix(2).compactMap { $0["id"] as? String }, ["惠民路", "同心路"]) {
                let created = try CLI.run(["cases", "create", "--road", road, "--name", name, "--applicant", "村民委员会", "--reason", "方便出行",
                                          "--meaning", "以沿线村庄命名", "--json"] + db, environment: day)
                #expect(created.status == 0, "\(created.stderr)")
                let id = try #require((try CLI.json(created) as? [String: Any])?["id"] as? String)
                ids.append(id)
                for step in [["--to", "consulted", "--consultation-scope", "村民代表", "--opinion", "村民|同意|采纳"], ["--to", "submitted"],
                             ["--to", "underReview"], ["--to", "publicNotice", "--channel", "县政府网站", "--assessment", "名称规范", "--assessment-report", "示民评〔2026〕1号"]] {
                    let result = try CLI.run(["cases", "advance", id] + step + db, environment: day)
                    #expect(result.status == 0, "\(step): \(result.stderr)")
                }
            }
            let illegal = try CLI.run(["cases", "advance", ids[0], "--to", "consulted", "--consultation-scope", "x"] + db, environment: day)
            #expect(illegal.status == 1 && illegal.stderr.contains("publicNotice") && illegal.stderr.contains("Allowed"))
            let batch = try #require((try CLI.json(CLI.run(["batches", "create", "--county", "379901", "--title", "第一批", "--json"] + db)) as? [String: Any])?["id"] as? String)
            #expect(try CLI.run(["batches", "add", batch] + ids + db).status == 0)
            #expect(try CLI.run(["docs", "notice", batch, "--out", folder.path("docs")] + db).status == 0)
            // The county's 民政局 does not approve road names (Art. 12); the table says who does.
            let wrong = try CLI.run(["batches", "approve", batch, "--authority", "示范县民政局", "--document", "示民〔2026〕1号", "--date", "2026-03-10"] + db)
            #expect(wrong.status == 1 && wrong.stderr.contains("Art. 12") && wrong.stderr.contains("must be 示范县人民政府"), "\(wrong.stderr)")
            let bodies = try CLI.run(["cases", "authorities", "--county", "379901"] + db)
            #expect(bodies.stdout.contains("approved by 示范县人民政府; filed with 示范市人民政府 or 示范市民政局; announced by 示范县民政局"), "\(bodies.stdout)")
            #expect(try CLI.run(["cases", "papers", "--county", "379901", "--contact", "示范县民政局区划地名科 0635-1234567"] + db).status == 0)
            let approve = try CLI.run(["batches", "approve", batch, "--authority", "示范县人民政府", "--document", "示政字〔2026〕12号", "--date", "2026-03-10"] + db)
            #expect(approve.status == 0, "\(approve.stderr)")
            let overdue = try CLI.run(["cases", "due", "--overdue", "--json"] + db, environment: ["DIMING_TODAY": "2026-03-26"])
            let items = try #require(try CLI.json(overdue) as? [[String: Any]])
            #expect(items.count == 4 && items.allSatisfy { $0["daysLeft"] as? Int == -1 })
            #expect(try CLI.run(["batches", "file", batch, "--date", "2026-03-12", "--body", "示范市民政局"] + db).status == 0)
            let announce = try CLI.run(["batches", "announce", batch, "--date", "2026-03-13", "--channels", "县政府网站,示范日报"] + db)
            #expect(announce.stdout.contains("2 are now standard names"))
            for kind in ["announcement", "filing"] {
                #expect(try CLI.run(["docs", kind, batch, "--out", folder.path("docs")] + db).status == 0)
            }
            #expect(try CLI.run(["docs", "application", ids[0], "--out", folder.path("docs")] + db).status == 0)
            let show = try CLI.run(["cases", "show", ids[0]] + db)
            #expect(show.stdout.contains("示政字〔2026〕12号") && show.stdout.contains("admin") && show.stdout.contains("standard"))
            let road = try #require(roads.first?["id"] as? String)
            let history = try CLI.run(["names", "history", road] + db)
            #expect(history.stdout.contains("惠民路") && history.stdout.contains("standard"))
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("docs"))
            #expect(files.filter { $0.hasSuffix(".html") }.count == 4 && files.filter { $0.hasSuffix(".csv") }.count == 4)
            try printsAsChineseA4(folder.path("docs/announcement-\(batch).html"), expecting: ["标准地名的公告", "惠民路", "Huìmín Lù", "0635-1234567"], in: folder)
        }
    }

    /// Prints the page with headless Chromium and reads the PDF back (when Chromium and poppler are installed).
    func printsAsChineseA4(_ html: String, expecting phrases: [String], in folder: TemporaryDirectory) throws {
        let tools = ["/usr/bin/chromium", "/usr/bin/pdfinfo", "/usr/bin/pdftotext"]
        guard tools.allSatisfy(FileManager.default.isExecutableFile) else {
            print("skipped the Chromium print check: chromium and poppler-utils are not installed")
            return
        }
        func run(_ tool: String, _ arguments: [String]) throws -> String { try Tool.run(tool, arguments).output }
        let pdf = folder.path("announcement.pdf")
        _ = try run(tools[0], ["--headless", "--no-sandbox", "--disable-gpu", "--print-to-pdf=\(pdf)", "file://\(html)"])
        #expect(try run(tools[1], [pdf]).contains("(A4)"))
        let text = try run(tools[2], [pdf, "-"])
        for phrase in phrases { #expect(text.contains(phrase), "the printed page lacks \(phrase)") }
    }
}
