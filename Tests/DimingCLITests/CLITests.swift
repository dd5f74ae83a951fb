import Foundation
import TestSupport
import Testing

@Suite("The diming command line")
struct CLITests {
    @Test("crs convert agrees with every reference vector in every direction, through stdin", .enabled(if: SharedData.available, "needs ../shared/data"))
    func crsConvert() throws {
        let rows = try SharedData.coordinateVectors()
        let systems = ["wgs84": ("wgs84_lon", "wgs84_lat"), "gcj02": ("gcj02_lon", "gcj02_lat"), "bd09": ("bd09_lon", "bd09_lat")]
        for (from, fromColumns) in systems {
            let input = rows.map { "\($0[fromColumns.0]!),\($0[fromColumns.1]!)" }.joined(separator: "\n")
            for (to, toColumns) in systems {
                let result = try CLI.run(["crs", "convert", "--from", from, "--to", to], input: input)
                #expect(result.status == 0, "\(result.stderr)")
                let lines = result.stdout.split(separator: "\n")
                #expect(lines.count == rows.count)
                for (line, row) in zip(lines, rows) {
                    let parts = line.split(separator: ",").compactMap { Double($0) }
                    #expect(abs(parts[0] - Double(row[toColumns.0]!)!) < 1e-8 && abs(parts[1] - Double(row[toColumns.1]!)!) < 1e-8,
                            "\(row["id"]!) \(from)→\(to)")
                }
            }
        }
    }

    @Test("one point, as JSON")
    func crsConvertOne() throws {
        let result = try CLI.run(["crs", "convert", "--from", "wgs84", "--to", "gcj02", "115.98", "36.45", "--json"])
        let object = try #require(try CLI.json(result) as? [String: Double])
        #expect(abs(object["lon"]! - 115.9856628416) < 1e-8)
    }

    @Test("exit status: 2 for usage errors, 1 for bad input naming file, line and field")
    func exitCodes() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            #expect(try CLI.run(["divisions", "frobnicate"], in: folder.url).status == 2)
            #expect(try CLI.run(["crs", "convert", "--from", "mars2000", "--to", "wgs84", "1", "2"]).status == 2)
            #expect(try CLI.run(["divisions", "show", "12345"], in: folder.url).status == 2)
            let bad = try CLI.run(["crs", "convert", "--from", "wgs84", "--to", "gcj02"], input: "115,36\nnot a point\n")
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("stdin:2"))

            let file = try folder.write("bad.csv", "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,379900000000\n")
            let result = try CLI.run(["divisions", "import", file, "--db", folder.path("r.sqlite")])
            #expect(result.status == 1)
            #expect(result.stderr.contains("bad.csv:3"))
            #expect(result.stderr.contains("parent_code"))
            let list = try CLI.run(["divisions", "list", "--json", "--db", folder.path("r.sqlite")])
            #expect((try CLI.json(list) as? [Any])?.isEmpty == true, "nothing stored")
            #expect(try CLI.run(["divisions", "show", "371521000000", "--db", folder.path("r.sqlite")]).status == 1)
            #expect(try CLI.run(["--help"]).status == 0)
        }
    }

    @Test("the acceptance tour on real data: import, show, re-import, boundaries, locate", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realDataTour() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("sd.sqlite")]
            let file = SharedData.path("admin/target_areas_5level_2021_liyanjie.csv")
            let first = try CLI.run(["divisions", "import", file] + db)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Stored 11,992 divisions"))
            #expect(first.stdout.contains("1 province, 4 cities, 33 counties, 369 towns, 11,585 villages"))
            let again = try CLI.run(["divisions", "import", file, "--json"] + db)
            let report = try #require(try CLI.json(again) as? [String: Any])
            #expect(report["added"] as? Int == 0 && report["changed"] as? Int == 0)

            let show = try #require(try CLI.json(CLI.run(["divisions", "show", "371521000000", "--json"] + db)) as? [String: Any])
            #expect(show["name"] as? String == "阳谷县")
            #expect((show["parents"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["聊城市", "山东省"])
            #expect((show["childCount"] as? Int ?? 0) > 0)

            let towns = try #require(try CLI.json(CLI.run(["divisions", "list", "--parent", "371521000000", "--json"] + db)) as? [[String: Any]])
            #expect(towns.count == show["childCount"] as? Int)

            let fences = SharedData.path("boundaries/vonng_fences_shandong_2018_gcj02.geojson")
            let strict = try CLI.run(["divisions", "boundaries", fences, "--crs", "gcj02"] + db)
            #expect(strict.status == 1 && strict.stderr.contains("not in the registry"), "\(strict.stderr)")
            let boundaries = try CLI.run(["divisions", "boundaries", fences, "--crs", "gcj02", "--skip-failures"] + db)
            #expect(boundaries.stdout.contains("skipped"), "\(boundaries.stdout)")
            #expect(boundaries.status == 0, "\(boundaries.stderr)")
            let located = try #require(try CLI.json(CLI.run(["divisions", "locate", "115.98", "36.45", "--json"] + db)) as? [String: Any])
            #expect(located["name"] as? String == "东昌府区")
            #expect(located["adcode"] as? String == "371502")
        }
    }

    @Test("demo builds a registry in a fresh folder and says what to try next")
    func demo() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let result = try CLI.run(["demo"], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Try next"))
            #expect(FileManager.default.fileExists(atPath: folder.path("diming.sqlite")))
            let towns = try #require(try CLI.json(CLI.run(["divisions", "list", "--level", "town", "--json"], in: folder.url)) as? [Any])
            #expect(towns.count == 6)
            // A second demo replaces the first; a registry with other data is protected.
            #expect(try CLI.run(["demo"], in: folder.url).status == 0)
            let other = try folder.write("d.csv", "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n")
            #expect(try CLI.run(["divisions", "import", other, "--db", "real.sqlite"], in: folder.url).status == 0)
            let refused = try CLI.run(["demo", "--db", "real.sqlite"], in: folder.url)
            #expect(refused.status == 1 && refused.stderr.contains("--replace"))
        }
    }
}
