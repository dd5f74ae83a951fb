import Foundation
import TestSupport
import Testing

@Suite("Names from the command line")
struct NamesCLITests {
    @Test("romanize gives one result per name, as JSON")
    func romanize() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            #expect(try CLI.run(["init", "--db", folder.path("r.sqlite")]).status == 0)
            let result = try CLI.run(["names", "romanize", "王庄东路", "西安路", "幸福一路", "--json", "--db", folder.path("r.sqlite")])
            #expect(result.status == 0, "\(result.stderr)")
            let list = try #require(try CLI.json(result) as? [[String: Any]])
            #expect(list.compactMap { $0["toned"] as? String } == ["Wángzhuāng Dōnglù", "Xī'ān Lù", "Xìngfú 1 Lù"])
            #expect(list.compactMap { $0["sign"] as? String } == ["WANGZHUANG DONGLU", "XI'AN LU", "XINGFU 1 LU"])
        }
    }

    @Test("check exits 0 with only warnings, 1 with an error; add, waive, search and suggest work end to end")
    func checkAddWaive() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            #expect(try CLI.run(["names", "add", "王庄街", "--county", "379901"] + db).status == 0)
            #expect(try CLI.run(["names", "add", "汪庄路", "--county", "379901"] + db).status == 0)
            let check = try CLI.run(["names", "check", "王庄路", "--county", "379901", "--json"] + db)
            #expect(check.status == 0, "only warnings: \(check.stdout)")
            #expect(try CLI.run(["names", "check", "习近平路", "--county", "379901"] + db).status == 1)
            #expect(try CLI.run(["names", "check", "华为路", "--county", "379901"] + db).status == 1)
            let report = try #require(try CLI.json(check) as? [String: Any])
            let codes = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("SAME_SPECIFIC") && codes.contains("HOMOPHONE"))
            for code in ["SAME_SPECIFIC", "HOMOPHONE"] {
                #expect(try CLI.run(["names", "waive", "王庄路", "--county", "379901", "--code", code, "--reason", "群众认可", "--actor", "reviewer"] + db).status == 0)
            }
            let again = try CLI.run(["names", "check", "王庄路", "--county", "379901"] + db)
            #expect(again.status == 0, "\(again.stdout)")
            #expect(again.stdout.contains("waived by reviewer"))
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

    @Test("romanize: 1984 rules on the command line; waive an error, never a leader's name; county rules")
    func lawOnTheCommandLine() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0) // read commands need a registry that exists
            let result = try CLI.run(["names", "romanize", "安乐路", "三马路", "花儿市大街", "王庄后街", "--json"] + db)
            let list = try #require(try CLI.json(result) as? [[String: Any]])
            #expect(list.compactMap { $0["sign"] as? String } == ["ANLE LU", "3 MALU", "HUARSHI DAJIE", "WANGZHUANG HOUJIE"])
            #expect(try CLI.run(["names", "check", "华为路", "--county", "379901"] + db).status == 1)
            #expect(try CLI.run(["names", "waive", "华为路", "--county", "379901", "--code", "ENTERPRISE_NAME", "--reason", "合作社历史名称"] + db).status == 0)
            #expect(try CLI.run(["names", "check", "华为路", "--county", "379901"] + db).status == 0)
            let leader = try CLI.run(["names", "waive", "习近平路", "--county", "379901", "--code", "LEADER_NAME", "--reason", "x"] + db)
            #expect(leader.status != 0 && leader.stderr.contains("LEADER_NAME"))
            #expect(try CLI.run(["names", "rules", "--county", "379901", "--max-specific-length", "4"] + db).status == 0)
            let long = try CLI.run(["names", "check", "五里铺新村路", "--county", "379901", "--json"] + db)
            #expect(long.status == 0 && long.stdout.contains("SPECIFIC_TOO_LONG"))
        }
    }

    @Test("the heritage list from the command line: add, list, and a finding for a name reusing it elsewhere")
    func heritage() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            let add = try CLI.run(["names", "heritage", "add", "十里堡", "--county", "379901", "--place", "示范县十里堡村", "--level", "省级",
                                   "--reason", "明代驿站", "--listed", "2024-05-01"] + db)
            #expect(add.status == 0, "\(add.stderr)")
            let list = try #require(try CLI.json(CLI.run(["names", "heritage", "list", "--json"] + db)) as? [[String: Any]])
            #expect(list.compactMap { $0["name"] as? String } == ["十里堡"])
            let check = try CLI.run(["names", "check", "十里堡路", "--county", "371521", "--json"] + db)
            #expect(check.status == 0 && check.stdout.contains("HERITAGE_NAME"))
            #expect(try CLI.run(["names", "heritage", "add", "古槐街", "--county", "379901", "--place", "城关", "--level", "村级",
                                 "--reason", "古槐", "--listed", "2024-05-01"] + db).status != 0)
        }
    }
}
