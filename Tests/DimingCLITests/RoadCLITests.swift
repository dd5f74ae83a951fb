import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Road import and survey from the command line")
struct RoadCLITests {
    /// Everything in the registry that an import could touch, as text.
    func snapshot(_ db: String) throws -> String {
        var parts: [String] = []
        for arguments in [["roads", "list", "--json"], ["divisions", "list", "--json"], ["survey", "report", "--json"]] {
            let result = try CLI.run(arguments + ["--db", db])
            parts.append(result.stdout)
        }
        return parts.joined(separator: "\n")
    }

    /// Row counts straight from the file, through the registry's own integrity check.
    func sqliteCounts(_ db: String) throws -> [String: Int] {
        let script = "import sqlite3,json,sys\nc=sqlite3.connect(sys.argv[1])\nprint(json.dumps({'integrity':c.execute('PRAGMA integrity_check').fetchone()[0]=='ok' and 1 or 0, **{t:c.execute('select count(*) from '+t).fetchone()[0] for t in ['road_segment','road','road_member','audit_event','division','id_counter']}}))"
        return try JSONDecoder().decode([String: Int].self, from: Data(Tool.python(["-c", script, db]).output.utf8))
    }

    @Test("bad files exit 1 with file and position, and leave the registry exactly as before")
    func badFiles() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            let before = try snapshot(db), counts = try sqliteCounts(db)
            for (path, expected) in try BadFiles.write(to: folder) {
                let result = try CLI.run(["roads", "import", path, "--db", db])
                #expect(result.status == 1, "\(path)")
                #expect(result.stderr.contains(path) && result.stderr.contains(expected), "\(path): \(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
            #expect(try snapshot(db) == before)
            #expect(try sqliteCounts(db) == counts)
        }
    }

    @Test("--json prints the summary only, with segments, named, unnamed and byClass")
    func importJSON() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            let roads = SharedData.packageRoot.appendingPathComponent("GeoData/demo/roads.geojson").path
            let result = try CLI.run(["roads", "import", roads, "--source", "again", "--no-conflation", "--json", "--db", db])
            #expect(result.stderr.isEmpty)
            let report = try #require(try CLI.json(result) as? [String: Any])
            let byClass = try #require(report["byClass"] as? [String: [String: Int]])
            #expect(report["segments"] as? Int == byClass.values.reduce(0) { $0 + $1["segments"]! })
            #expect(report["unnamedSegments"] as? Int == byClass.values.reduce(0) { $0 + $1["unnamed"]! })
            #expect((report["namedSegments"] as? Int ?? 0) > 0)
            let survey = try #require(try CLI.json(CLI.run(["survey", "--json", "--db", db])) as? [[String: Any]])
            #expect((survey.first?["roads"] as? Int ?? 0) > 0)
            let unnamed = try #require(try CLI.json(CLI.run(["roads", "list", "--unnamed", "--json", "--db", db])) as? [[String: Any]])
            let id = try #require(unnamed.first?["id"] as? String)
            let road = try #require(try CLI.json(CLI.run(["roads", "show", id, "--json", "--db", db])) as? [String: Any])
            #expect((road["geometry"] as? [String: Any])?["type"] as? String == "LineString")
            #expect((road["span"] as? String)?.hasPrefix("起于") == true)
            #expect(try CLI.run(["roads", "show", "nope", "--db", db]).status == 2)
        }
    }

    @Test("SIGKILL in the middle of a large import leaves the registry as before and intact")
    func killedImport() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let data = folder.path("region")
            #expect(try CLI.run(["generate", "--out", data, "--counties", "10", "--towns", "12", "--villages", "30"]).status == 0)
            let base = folder.path("base.sqlite")
            #expect(try CLI.run(["divisions", "import", data + "/divisions.csv", "--db", base]).status == 0)
            #expect(try CLI.run(["divisions", "boundaries", data + "/boundaries.geojson", "--db", base]).status == 0)
            let before = try sqliteCounts(base)
            // How long a whole import takes, on a copy.
            let timing = folder.path("timing.sqlite")
            try FileManager.default.copyItem(atPath: base, toPath: timing)
            let started = Date()
            #expect(try CLI.run(["roads", "import", data + "/roads.geojson", "--db", timing]).status == 0)
            let duration = Date().timeIntervalSince(started)
            let complete = try sqliteCounts(timing)
            var killed = 0
            // Early kills too: on a shared machine the timed import may have run slower than these, which
            // then finish before a late kill (one CI run caught only one of 0.3, 0.6, 0.85 and 0.95).
            for fraction in [0.1, 0.2, 0.3, 0.6, 0.85, 0.95] {
                let db = folder.path("kill-\(fraction).sqlite")
                try FileManager.default.copyItem(atPath: base, toPath: db)
                let process = Process()
                process.executableURL = CLI.executable
                process.arguments = ["roads", "import", data + "/roads.geojson", "--db", db]
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                Thread.sleep(forTimeInterval: duration * fraction)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                guard process.terminationReason == .uncaughtSignal else { continue }
                killed += 1
                let after = try sqliteCounts(db)
                #expect(after["integrity"] == 1, "integrity_check after a kill at \(fraction)")
                // All or nothing: a kill before the commit leaves the registry as it was; one in the instant
                // between the commit and the process's exit leaves the whole import.
                #expect(after == before || after == complete, "registry half-changed after a kill at \(fraction)")
            }
            #expect(killed >= 2, "the import finished before it could be killed")
        }
    }
}

@Suite("Progress on a terminal")
struct ProgressTests {
    @Test("a road import on a terminal shows bytes, features and rate; under --json it shows nothing",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "skipped: script(1) is not installed"),
          .enabled(if: SharedData.available, "needs ../shared/data"))
    func progressBar() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = folder.path("r.sqlite")
            #expect(try CLI.run(["demo", "--db", db]).status == 0)
            let osm = SharedData.path("osm/gh_north-bayreuth.osm")
            func underTerminal(_ extra: String) throws -> String {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
                process.arguments = ["-qec", "\(CLI.executable.path) roads import \(osm) --county 379901 --allow-outside --db \(db) \(extra)", "/dev/null"]
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardInput = Pipe()
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return String(decoding: data, as: UTF8.self)
            }
            let plain = try underTerminal("")
            #expect(plain.contains("MB/s") && plain.contains("features"), "\(plain)")
            let json = try underTerminal("--json")
            #expect(!json.contains("MB/s"))
            #expect(json.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{"))
        }
    }
}
