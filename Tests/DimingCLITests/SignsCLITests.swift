import Foundation
import TestSupport
import Testing

@Suite("Signs from the command line")
struct SignsCLITests {
    @Test("preview writes a well-formed SVG of the name; render, list and coverage work on planned signs")
    func previewAndRender() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let preview = try CLI.run(["signs", "preview", "王庄东路", "--ends", "continue,end", "--out", folder.path("w.svg")])
            #expect(preview.status == 0, "\(preview.stderr)")
            let svg = try String(contentsOfFile: folder.path("w.svg"), encoding: .utf8)
            #expect(svg.contains(">王庄东路</text>") && svg.contains(">WANGZHUANG DONGLU</text>"))
            #expect(try CLI.run(["signs", "preview", "王庄东路", "--ends", "sideways", "--out", folder.path("x.svg")]).status == 2)

            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            let roads = try #require(try CLI.json(CLI.run(["roads", "list", "--unnamed", "--json"] + db)) as? [[String: Any]])
            let road = try #require(roads.first?["id"] as? String)
            let unnamedPlan = try CLI.run(["signs", "plan", road] + db)
            #expect(unnamedPlan.status == 1 && unnamedPlan.stderr.contains("no standard or approved name"))
            #expect(try CLI.run(["names", "add", "同心路", "--road", road] + db).status == 0)
            let planned = try #require(try CLI.json(CLI.run(["signs", "plan", road, "--json"] + db)) as? [[String: Any]])
            #expect(planned.count >= 2)
            let sign = try #require(planned.first?["id"] as? String)
            #expect(try CLI.run(["signs", "render", sign, "--out", folder.path("s.svg")] + db).status == 0)
            #expect(try String(contentsOfFile: folder.path("s.svg"), encoding: .utf8).contains(">同心路</text>"))
            let illegal = try CLI.run(["signs", "inspect", sign] + db)
            #expect(illegal.status == 1 && illegal.stderr.contains("planned"))
            let coverage = try CLI.run(["signs", "coverage"] + db)
            #expect(coverage.stdout.contains("0 of 1 standard names signed"))
        }
    }
}
