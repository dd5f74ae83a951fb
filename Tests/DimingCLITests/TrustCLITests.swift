import Foundation
import TestSupport
import Testing

/// Issue 18's smaller trust items on the command line: a mistyped `--db` is not a new registry,
/// `DIMING_TODAY` does not backdate the audit trail, a boundary is replaced only when asked.
@Suite("Trust on the command line")
struct TrustCLITests {
    /// The audit trail's rows (time, actor, action, after) read with Python's sqlite3, as another tool would.
    static func audit(_ db: String, action: String) throws -> [[String]] {
        let script = """
            import json, sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT at, actor, action, after FROM audit_event WHERE action = ? ORDER BY id", (sys.argv[2],)).fetchall()
            print(json.dumps([[r[0], r[1], r[2], r[3] or ""] for r in rows]))
            """
        let run = try Tool.python(["-c", script, db, action])
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String]], "\(run.output)")
    }

    @Test("read commands refuse a registry that does not exist, and create nothing; init creates one")
    func missingRegistry() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let typo = folder.path("dimng.sqlite")
            for command in [["roads", "list"], ["divisions", "list"], ["cases", "list"], ["audit", "verify"], ["signs", "coverage"]] {
                let run = try CLI.run(command + ["--db", typo])
                #expect(run.status == 1 && run.stderr.contains("no registry at \(typo)") && run.stderr.contains("diming init"), "\(command): \(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: typo), "\(command) created \(typo)")
            }
            // Without --db, the default file in the working directory is not created either.
            #expect(try CLI.run(["roads", "list"], in: folder.url).status == 1)
            #expect(!FileManager.default.fileExists(atPath: folder.path("diming.sqlite")))
            #expect(try CLI.run(["init", "--db", typo]).status == 0)
            #expect(try CLI.run(["roads", "list", "--db", typo]).status == 0)
        }
    }

    @Test("DIMING_TODAY moves the procedure's day, never the audit trail's time")
    func rehearsedDayIsNotAuditTime() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            let road = try #require((try CLI.json(CLI.run(["roads", "list", "--unnamed", "--json"] + db)) as? [[String: Any]])?.first?["id"] as? String)
            let created = try CLI.run(["cases", "create", "--road", road, "--name", "惠民路", "--applicant", "村民委员会", "--meaning", "惠及村民", "--json"] + db,
                                      environment: ["DIMING_TODAY": "2026-03-02"])
            #expect(created.status == 0, "\(created.stderr)")
            // The case is dated on the rehearsed day …
            #expect(created.stdout.contains("2026-03-02"), "\(created.stdout.prefix(300))")
            // … its audit event on the day it really happened.
            let events = try Self.audit(folder.path("d.sqlite"), action: "case.created")
            let today = DateFormatter()
            today.dateFormat = "yyyy-MM-dd"
            today.timeZone = TimeZone(identifier: "Asia/Shanghai")
            let utc = DateFormatter()
            utc.dateFormat = "yyyy-MM-dd"
            utc.timeZone = TimeZone(identifier: "UTC")
            let at = try #require(events.last?.first)
            #expect(!at.hasPrefix("2026-03-02") && (at.hasPrefix(today.string(from: Date())) || at.hasPrefix(utc.string(from: Date()))), "\(events)")
        }
    }

    @Test("--actor names an account whose role applies; without it the audit trail names the command line, marked cli:")
    func actorIsAnAccount() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = folder.path("d.sqlite")
            #expect(try CLI.run(["demo", "--db", path]).status == 0)
            let unknown = try CLI.run(["names", "add", "王庄街", "--county", "379901", "--db", path, "--actor", "张科长"])
            #expect(unknown.status == 1 && unknown.stderr.contains("--actor") && unknown.stderr.contains("not an account"), "\(unknown.stderr)")
            let viaEnvironment = try CLI.run(["names", "add", "王庄街", "--county", "379901", "--db", path], environment: ["DIMING_ACTOR": "nobody"])
            #expect(viaEnvironment.status == 1 && viaEnvironment.stderr.contains("nobody"), "\(viaEnvironment.stderr)")
            // A clerk's account keeps a clerk's rights: registering a standard name is the county's.
            let clerk = try CLI.run(["names", "add", "王庄街", "--county", "379901", "--db", path, "--actor", "clerk"])
            #expect(clerk.status != 0 && clerk.stderr.contains("clerk"), "\(clerk.stderr)")
            #expect(try CLI.run(["names", "add", "王庄街", "--county", "379901", "--db", path, "--actor", "reviewer"]).status == 0)
            #expect(try CLI.run(["names", "add", "李庄街", "--county", "379901", "--db", path], environment: ["USER": "wang"]).status == 0)
            let actors = Array(try Self.audit(path, action: "name.added").map { $0[1] }.suffix(2))
            #expect(actors == ["reviewer", "cli:wang"], "\(actors)")
        }
    }

    @Test("a boundary file may not replace a division's boundary without --replace, which the audit trail lists")
    func boundaryReplace() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            let file = folder.path("county.geojson")
            try """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"379901","name":"示范县"},
                "geometry":{"type":"Polygon","coordinates":[[[115.7,36.1],[116.1,36.1],[116.1,36.5],[115.7,36.5],[115.7,36.1]]]}}]}
                """.write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try CLI.run(["divisions", "boundaries", file] + db)
            #expect(refused.status == 1 && refused.stderr.contains("379901") && refused.stderr.contains("already has a boundary")
                    && refused.stderr.contains("--replace") && refused.stderr.contains("features[1]"), "\(refused.stderr)")
            #expect(try Self.audit(folder.path("d.sqlite"), action: "boundaries.imported").count == 1, "only the demo's import")
            let replaced = try CLI.run(["divisions", "boundaries", file, "--replace"] + db)
            #expect(replaced.status == 0 && replaced.stdout.contains("replaced"), "\(replaced.stderr)")
            let events = try Self.audit(folder.path("d.sqlite"), action: "boundaries.imported")
            #expect(events.count == 2 && events[1][3].contains("\"replaced\"") && events[1][3].contains("379901"), "\(events)")
        }
    }
}
