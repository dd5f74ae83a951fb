import Foundation
import TestSupport
import Testing

/// `signs order --sides --mounting --post-height` (issue 15, part 5).
@Suite("Sign orders from the command line")
struct SignOrderCLITests {
    @Test("a wall has no post, a post is 2–6 m high: refused before anything is ordered")
    func mountingOptions() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let db = ["--db", folder.path("d.sqlite")]
            #expect(try CLI.run(["demo"] + db).status == 0)
            for (options, phrase) in [(["--mounting", "wall", "--post-height", "3"], "a plate on a wall has no post"),
                                      (["--post-height", "9"], "2.0–6.0 m"), (["--sides", "triple"], "single")] {
                let run = try CLI.run(["signs", "order", "--road", "379901-R-000001", "--out", folder.path("o")] + options + db)
                #expect(run.status != 0 && run.stderr.contains(phrase), "\(options): \(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: folder.path("o")))
            }
        }
    }
}
