import Foundation
import TestSupport
import Testing

@Suite("Names from the command line")
struct NamesCLITests {
    @Test("romanize gives one result per name, as JSON")
    func romanize() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let result = try CLI.run(["names", "romanize", "王庄东路", "西安路", "幸福一路", "--json", "--db", folder.path("r.sqlite")])
            #expect(result.status == 0, "\(result.stderr)")
            let list = try #require(try CLI.json(result) as? [[String: Any]])
            #expect(list.compactMap { $0["toned"] as? String } == ["Wángzhuāng Dōnglù", "Xī'ān Lù", "Xìngfú 1 Lù"])
            #expect(list.compactMap { $0["sign"] as? String } == ["WANGZHUANG DONGLU", "XI'AN LU", "XINGFU 1 LU"])
        }
    }

    @Test("check exits 1 with findings, 0 once clean; add, waive, search and suggest work end to end")
    func checkAddWaive() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            #expect(try CLI.run(["names", "add", "王庄街", "--county", "379901"] + db).status == 0)
            #expect(try CLI.run(["names", "add", "汪庄路", "--county", "379901"] + db).status == 0)
            let check = try CLI.run(["names", "check", "王庄路", "--county", "379901", "--json"] + db)
            #expect(check.status == 1)
            let report = try #require(try CLI.json(check) as? [String: Any])
            let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("SAME_SPECIFIC") && codes.contains("HOMOPHONE"))
            for code in ["SAME_SPECIFIC", "HOMOPHONE"] {
                #expect(try CLI.run(["names", "waive", "王庄路", "--county", "379901", "--code", code, "--reason", "群众认可", "--actor", "张科长"] + db).status == 0)
            }
            let again = try CLI.run(["names", "check", "王庄路", "--county", "379901"] + db)
            #expect(again.status == 0, "\(again.stdout)")
            #expect(again.stdout.contains("waived by 张科长"))
            let bad = try CLI.run(["names", "add", "龘3A兴旺路", "--county", "379901"] + db)
            #expect(bad.status == 1 && bad.stderr.contains("RARE_CHARACTER"))
            let search = try #require(try CLI.json(CLI.run(["names", "search", "wzj", "--json"] + db)) as? [[String: Any]])
            #expect(search.compactMap { $0["text"] as? String } == ["王庄街"])
            let roads = try #require(try CLI.json(CLI.run(["roads", "list", "--unnamed", "--json"] + db)) as? [[String: Any]])
            let road = try #require(roads.first?["id"] as? String)
            let suggest = try CLI.run(["names", "suggest", road] + db)
            #expect(suggest.status == 0 && suggest.stdout.contains("1. "))
        }
    }
}
